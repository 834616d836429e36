/**
 * Vite plugin: renders every `<Formula [display] tex={String.raw`…`} />` in the app's TSX to KaTeX
 * HTML at build time and passes it as the `html` prop, so the page ships no KaTeX JavaScript (about
 * 78 KB gzip) — only its stylesheet and fonts. The formulas are constants written in this codebase,
 * so nothing is lost by rendering them once, on the developer's machine.
 *
 * A `<Formula` the pattern does not recognise fails the build with its file and line, rather than
 * silently shipping raw TeX.
 */
import katex from 'katex';
import type { Plugin } from 'vite';

/** One formula element: optional `display` before or after a `String.raw` tex literal, self-closing. */
const ELEMENT = /<Formula((?:\s+display)?)\s+tex=\{String\.raw`([^`]*)`\}((?:\s+display)?)\s*\/>/g;

/** Renders TeX as KaTeX would at run time (HTML plus MathML for screen readers). */
export function renderFormula(tex: string, display: boolean): string {
  return katex.renderToString(tex, { displayMode: display, throwOnError: true, output: 'htmlAndMathml' });
}

/**
 * Rewrites the formulas of one TSX source. Returns null when the source has none.
 * @throws Error naming the line of a `<Formula` element that is not in the recognised form, or of
 *   TeX that KaTeX cannot parse.
 */
export function prerenderFormulasIn(code: string, file: string): string | null {
  if (!code.includes('<Formula')) return null;
  const lineOf = (index: number) => code.slice(0, index).split('\n').length;
  let matched = 0;
  const out = code.replace(ELEMENT, (_all, before: string, tex: string, after: string, index: number) => {
    matched++;
    const display = before.trim() === 'display' || after.trim() === 'display';
    let html: string;
    try {
      html = renderFormula(tex, display);
    } catch (e) {
      throw new Error(`${file}:${lineOf(index)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return `<Formula${display ? ' display' : ''} tex={String.raw\`${tex}\`} html={${JSON.stringify(html)}} />`;
  });
  const total = code.split('<Formula').length - 1;
  if (matched !== total) {
    const unmatched = [...code.matchAll(/<Formula\b/g)].map((m) => lineOf(m.index)).join(', ');
    throw new Error(
      `${file}: every <Formula> must be written <Formula [display] tex={String.raw\`…\`} /> so it can be ` +
        `rendered at build time (elements at lines ${unmatched}; ${matched} of ${total} recognised)`,
    );
  }
  return out;
}

/** The plugin; runs before the TSX is compiled, in dev, build and Vitest alike. */
export function prerenderFormulas(): Plugin {
  return {
    name: 'prerender-formulas',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('.tsx') || id.includes('node_modules')) return null;
      const out = prerenderFormulasIn(code, id);
      return out === null ? null : { code: out, map: null };
    },
  };
}
