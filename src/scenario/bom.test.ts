import { describe, expect, it } from 'vitest';
import { stripBom } from './bom.ts';
import { readScenarioFile } from './fileIo.ts';
import { parseScenarioText } from './schema.ts';

const BOM = '\uFEFF';
const scenarioText = JSON.stringify({
  format: 'ot-playground.scenario',
  version: 1,
  name: 'Saved by Notepad',
  source: {
    points: [
      [0, 0],
      [1, 0],
    ],
  },
  target: { points: [[2, 1]] },
  method: 'exact',
});

describe('stripBom', () => {
  it('drops one leading byte-order mark and nothing else', () => {
    expect(stripBom(`${BOM}{}`)).toBe('{}');
    expect(stripBom('{}')).toBe('{}');
    expect(stripBom('')).toBe('');
    expect(stripBom(`{${BOM}}`)).toBe(`{${BOM}}`);
    expect(stripBom(`${BOM}${BOM}x`)).toBe(`${BOM}x`);
  });
});

describe('scenario text that starts with a byte-order mark', () => {
  it('parses to the same scenario as without it', () => {
    const plain = parseScenarioText(scenarioText);
    expect(plain.ok).toBe(true);
    expect(parseScenarioText(BOM + scenarioText)).toEqual(plain);
  });

  it('File → Open reads a file whose bytes start with EF BB BF', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(scenarioText)]);
    const r = await readScenarioFile(new File([bytes], 'notepad.ot.json'));
    expect(r).toEqual(parseScenarioText(scenarioText));
  });
});
