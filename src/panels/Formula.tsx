/**
 * A TeX formula. The HTML is rendered with KaTeX at build time by build/prerenderFormulas.ts, which
 * fills in `html` from the `tex` literal, so no KaTeX JavaScript reaches the page; only its
 * stylesheet and bundled fonts (no CDN). Sources are constant strings written in this codebase,
 * never user input.
 */
import 'katex/dist/katex.min.css';

export function Formula({ tex, display = false, html }: { tex: string; display?: boolean; html?: string }) {
  const Tag = display ? 'div' : 'span';
  // Without the build step (never in the app: the plugin fails the build instead) show the TeX.
  if (html === undefined) return <Tag className="formula pending">{tex}</Tag>;
  return <Tag className="formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
