import { describe, expect, it } from 'vitest';
import { METHOD_IDS } from '../methods/index.ts';
import { GALLERY, findGalleryEntry, rotated } from './gallery.ts';
import { LONG_LINK_CHARS, decodeLink, encodeLink } from './link.ts';
import { parseScenario, scenarioToJson } from './schema.ts';
import { cloudSize } from './types.ts';
import { sourceCloud, targetCloud } from '../scenario/types.ts';

describe('gallery', () => {
  it('has at least eight entries with unique ids and titles and a paragraph each', () => {
    expect(GALLERY.length).toBeGreaterThanOrEqual(8);
    expect(new Set(GALLERY.map((e) => e.id)).size).toBe(GALLERY.length);
    expect(new Set(GALLERY.map((e) => e.title)).size).toBe(GALLERY.length);
    for (const e of GALLERY) {
      expect(e.idea.length).toBeGreaterThan(120);
      expect(e.idea.length).toBeLessThan(600);
    }
  });

  it.each(GALLERY.map((e) => [e.id, e] as const))(
    '%s builds a valid, deterministic, shareable scenario',
    (_, e) => {
      const s = e.build();
      expect(s.name).toBe(e.title);
      const r = parseScenario(scenarioToJson(s));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.scenario.params).toEqual(s.params);
      // Deterministic: a second build gives the same link.
      const link = encodeLink(s);
      expect(encodeLink(e.build())).toBe(link);
      expect(link.length).toBeLessThan(LONG_LINK_CHARS);
      const back = decodeLink(link).scenario;
      expect(back?.ok && back.scenario.method).toBe(s.method);
      // Everything lies inside the stage's default view.
      // One-cloud methods (decorrelation) have a single cloud; every cloud there is non-empty.
      for (const side of s.clouds.length > 1 ? [sourceCloud(s), targetCloud(s)] : s.clouds) {
        expect(cloudSize(side)).toBeGreaterThan(0);
        for (const v of side.points) expect(Math.abs(v)).toBeLessThan(3);
      }
    },
  );

  it('covers every method of the registry', () => {
    const methods = new Set(GALLERY.map((e) => e.build().method));
    expect([...methods].sort()).toEqual([...METHOD_IDS].sort());
  });

  it('the Procrustes target is the source rotated by 60 degrees and moved', () => {
    const s = findGalleryEntry('procrustes-rotation')!.build();
    const back = rotated(rotated(targetCloud(s), 0, -1.2, -0.4), -60);
    sourceCloud(s).points.forEach((v, i) => expect(back.points[i]).toBeCloseTo(v, 12));
  });

  it('the sized entries have the counts their text promises', () => {
    const split = findGalleryEntry('mass-splits')!.build();
    expect(split.clouds.map(cloudSize)).toEqual([12, 36]);
    const perm = findGalleryEntry('permutation')!.build();
    expect(cloudSize(perm.clouds[0])).toBe(cloudSize(perm.clouds[1]));
  });
});
