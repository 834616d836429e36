import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prerenderFormulasIn } from './prerenderFormulas.ts';

/** Every .tsx file under a folder. */
function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsxFiles(p) : p.endsWith('.tsx') ? [p] : [];
  });
}

describe('prerenderFormulasIn', () => {
  it('adds KaTeX HTML (with MathML for screen readers) and keeps display mode', () => {
    const out = prerenderFormulasIn(
      '<p><Formula display tex={String.raw`a^2`} /> and <Formula tex={String.raw`\\varepsilon`} /></p>',
      'x.tsx',
    )!;
    const htmls = [...out.matchAll(/html=\{("(?:[^"\\]|\\.)*")\}/g)].map((m) => JSON.parse(m[1]) as string);
    expect(htmls).toHaveLength(2);
    expect(htmls[0]).toContain('katex-display');
    expect(htmls[0]).toContain('<math');
    expect(htmls[1]).not.toContain('katex-display');
    expect(htmls[1]).toContain('ε');
  });

  it('leaves sources without formulas alone', () => {
    expect(prerenderFormulasIn('const a = 1;', 'x.tsx')).toBeNull();
  });

  it('fails on a formula it cannot render at build time, naming the line', () => {
    expect(() => prerenderFormulasIn('\n<Formula tex={texVariable} />', 'p.tsx')).toThrow(/p\.tsx.*line.*2/);
    expect(() => prerenderFormulasIn('<Formula tex={String.raw`\\frac{1}`} />', 'q.tsx')).toThrow(/q\.tsx:1/);
  });

  it('recognises every formula in the app', () => {
    const files = tsxFiles(join(__dirname, '..', 'src')).filter((f) =>
      readFileSync(f, 'utf8').includes('<Formula'),
    );
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) expect(() => prerenderFormulasIn(readFileSync(f, 'utf8'), f)).not.toThrow();
  });
});
