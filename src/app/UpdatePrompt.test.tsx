import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { offerUpdate, useAppUpdate } from './appUpdate.ts';
import { UpdateNotice } from './UpdatePrompt.tsx';

// Server rendering reads a zustand store's initial state, so the markup is tested on the view and
// the showing and hiding on the store; e2e/offline.spec.ts clicks the real prompt.
describe('UpdateNotice', () => {
  it('is a polite status with the message, a Reload button and a named "Not now" button', () => {
    const html = renderToStaticMarkup(<UpdateNotice onReload={() => {}} onDismiss={() => {}} />);
    expect(html).toMatch(/^<div class="notice update" role="status">/);
    expect(html).toContain('<p>A new version is available.</p>');
    expect(html).toMatch(/<button type="button" class="btn primary">Reload<\/button>/);
    expect(html).toMatch(/<button[^>]*aria-label="Not now"/);
  });
});

describe('the update prompt state', () => {
  afterEach(() => useAppUpdate.setState({ apply: null, dismissed: false }));
  const shown = () => {
    const s = useAppUpdate.getState();
    return s.apply !== null && !s.dismissed;
  };

  it('shows nothing until a new version is offered, then what applies it', () => {
    expect(shown()).toBe(false);
    const apply = () => {};
    offerUpdate(apply);
    expect(shown()).toBe(true);
    expect(useAppUpdate.getState().apply).toBe(apply);
  });

  it('hides after "not now" until another version is offered', () => {
    offerUpdate(() => {});
    useAppUpdate.getState().dismiss();
    expect(shown()).toBe(false);
    offerUpdate(() => {});
    expect(shown()).toBe(true);
  });
});
