/**
 * A TeX formula rendered with KaTeX. KaTeX and its fonts are bundled (no CDN) and loaded lazily,
 * on the first formula, so they don't weigh on the first paint. Sources are constant strings
 * written in this codebase, never user input.
 */
import { useEffect, useState } from 'react';

type Katex = typeof import('katex').default;
let katexPromise: Promise<Katex> | null = null;
const loadKatex = (): Promise<Katex> => {
  katexPromise ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(
    ([m]) => m.default,
  );
  return katexPromise;
};

export function Formula({ tex, display = false }: { tex: string; display?: boolean }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void loadKatex().then((k) => {
      if (live)
        setHtml(
          k.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' }),
        );
    });
    return () => {
      live = false;
    };
  }, [tex, display]);
  const Tag = display ? 'div' : 'span';
  if (html === null) return <Tag className="formula pending">{tex}</Tag>;
  return <Tag className="formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
