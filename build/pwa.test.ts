import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pwaOptions, themeColor } from './pwa.ts';

const css = readFileSync(new URL('../src/app/theme.css', import.meta.url), 'utf8');

describe('themeColor', () => {
  it("reads the light theme's value (the first declaration), not the dark one", () => {
    expect(
      themeColor(':root { --accent: #3559e0; } @media (x) { :root { --accent: #7c9cff; } }', 'accent'),
    ).toBe('#3559e0');
  });
  it('fails the build when the stylesheet no longer declares the colour', () => {
    expect(() => themeColor(':root { --accent: blue; }', 'accent')).toThrow(/--accent/);
  });
});

describe('pwaOptions', () => {
  it("gives the manifest the app's accent and background colours from src/app/theme.css", () => {
    const manifest = pwaOptions(css).manifest;
    expect(manifest && manifest.theme_color).toBe(themeColor(css, 'accent'));
    expect(manifest && manifest.background_color).toBe(themeColor(css, 'bg'));
  });
  it('lets a new worker wait for the user and registers nothing inline (the CSP forbids it)', () => {
    const o = pwaOptions(css);
    expect(o.registerType).toBe('prompt');
    expect(o.injectRegister).toBe(false);
    expect(o.workbox?.skipWaiting).toBeUndefined();
  });
});
