import { describe, expect, it } from 'vitest';
import type { SparsePlan } from '../../workers/api.ts';
import type { Scenario } from '../scenario/types.ts';
import { escapeXml, scenarioSvg } from './exportSvg.ts';

const colors = { clouds: ['#0072b2', '#d55e00'], background: '#ffffff', foreground: '#1b2230' };
const scenario: Scenario = {
  name: 'A <b>"bold"</b> & odd name',
  clouds: [
    { name: 'Source', points: Float64Array.of(0, 0, 1, 0), weights: null, labels: null },
    {
      name: 'Target',
      points: Float64Array.of(0, 1, 1, 1, 0.5, 2),
      weights: Float64Array.of(1, 1, 2),
      labels: null,
    },
  ],
  cost: 'sqeuclidean',
  method: 'exact',
  params: {},
  seed: 1,
};
const plan: SparsePlan = {
  i: Int32Array.of(0, 1, 1, 9),
  j: Int32Array.of(0, 1, 2, 0),
  mass: Float64Array.of(0.5, 0.25, 0.25, 0.5),
};
const count = (svg: string, re: RegExp) => (svg.match(re) ?? []).length;

describe('scenarioSvg', () => {
  it('draws one circle per point, the plan lines, and escapes the name', () => {
    const svg = scenarioSvg(scenario, { colors, plan, width: 400, height: 300 });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"')).toBe(true);
    expect(svg).toContain('<title>A &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; odd name</title>');
    expect(svg).not.toContain('<b>');
    expect(count(svg, /<circle /g)).toBe(5);
    // Three valid entries (index 9 is out of range): three line segments.
    expect(count(svg, /M[\d.]+ [\d.]+L/g)).toBe(3);
    expect(svg).toContain('<g class="cloud cloud-0" fill="#0072b2"');
    // The weighted target point is larger than the others.
    const radii = [...svg.matchAll(/<g class="cloud cloud-1"[^>]*>\n((?:<circle[^>]*>\n?)+)/g)][0][1]
      .match(/r="([\d.]+)"/g)!
      .map((r) => Number(r.slice(3, -1)));
    expect(radii[2]).toBeGreaterThan(radii[0]);
  });

  it('maps y up, fits the picture, and rounds coordinates to 0.01', () => {
    const svg = scenarioSvg(scenario, { colors, width: 400, height: 300 });
    const cs = [...svg.matchAll(/cx="([-\d.]+)" cy="([-\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    for (const [x, y] of cs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(400);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(300);
    }
    // Source (0,0) is below target (0,1) on screen: larger cy.
    expect(cs[0][1]).toBeGreaterThan(cs[2][1]);
    expect(svg).not.toMatch(/\d\.\d{3,}/);
  });

  it('adds particles at time t, coloured between the cloud colours', () => {
    const at0 = scenarioSvg(scenario, { colors, plan, t: 0 });
    expect(count(at0, /<circle /g)).toBe(5 + 3);
    expect(at0).toContain('<g class="particles" fill="rgb(0, 114, 178)"');
    expect(scenarioSvg(scenario, { colors, plan: null, t: 0.5 })).not.toContain('particles');
  });

  it('escapes all five XML specials', () => {
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });
});
