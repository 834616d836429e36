/**
 * Keeps the address in step with the scenario (share links, see src/scenario/link.ts).
 *
 * - Start-up (`openStartupLink`, before the first render): the fragment's scenario replaces the
 *   example without an undo entry; a bad link shows a message and the example opens instead.
 * - Edits: a committed edit starts a new history entry (pushState), and further edits within
 *   `BURST_MS` of each other update that entry (replaceState), so dragging a slider is one Back
 *   step, not fifty. Writes are debounced by `WRITE_DEBOUNCE_MS`; nothing is written mid-gesture
 *   (the entry before a brush stroke stays what Back returns to).
 * - Back / Forward (popstate): the entry's scenario opens as an undoable edit, without pushing.
 * - The presentation options (classroom, embed, hide) ride along in every write.
 *
 * A scenario with an empty cloud cannot be shared (the schema needs a point on each side), so
 * the address keeps its last shareable state until both clouds have points again.
 */
import { decodeLink, encodeLink, linkDefaults, type LinkOptions } from '../scenario/link.ts';
import { cloudSize, type Scenario } from '../scenario/types.ts';
import { emptyHistory } from '../state/history.ts';
import { useStore } from '../state/store.ts';
import { getLinkOptions, setLinkOptions, subscribeLinkOptions } from './classroom.ts';

/** Delay before the address is rewritten after an edit, ms. */
export const WRITE_DEBOUNCE_MS = 250;
/** Edits closer together than this share one history entry, ms. */
export const BURST_MS = 1000;

/** Whether a scenario can be written as a link (every cloud needs a point). */
export const isShareable = (s: Scenario): boolean => s.clouds.every((c) => cloudSize(c) > 0);

/** The fragment (without `#`) of the open scenario with the current options, or null if not shareable. */
export function currentFragment(options: LinkOptions = getLinkOptions()): string | null {
  const s = useStore.getState().scenario;
  return isShareable(s) ? encodeLink(s, options) : null;
}

/** The whole address of a fragment, keeping the page's path and query. */
export function linkUrl(fragment: string): string {
  return `${location.origin}${location.pathname}${location.search}#${fragment}`;
}

const openingMessage = (error: string) =>
  `This link could not be opened: ${error}. Showing the example scenario instead.`;

/**
 * Reads the address's fragment before the first render: options always; the scenario when the
 * fragment has one (replacing the start-up example, no undo entry). Never throws.
 */
export function openStartupLink(): void {
  const { scenario, options } = decodeLink(location.hash);
  setLinkOptions(options);
  if (!scenario) return;
  if (scenario.ok) {
    useStore.setState({ scenario: scenario.scenario, history: emptyHistory() });
  } else {
    useStore.getState().notify('error', openingMessage(scenario.error));
  }
}

/** Starts keeping the address in step; returns the stop function. Call after `openStartupLink`. */
export function startUrlSync(): () => void {
  let lastWritten = location.hash.replace(/^#/, '');
  let writeTimer: ReturnType<typeof setTimeout> | undefined;
  let burstTimer: ReturnType<typeof setTimeout> | undefined;
  let burst = false;
  let needPush = false;
  let applyingHistory = false;

  const write = () => {
    writeTimer = undefined;
    const fragment = currentFragment();
    if (fragment === null || fragment === lastWritten) {
      needPush = false;
      return;
    }
    const url = `${location.pathname}${location.search}#${fragment}`;
    try {
      if (needPush) history.pushState(null, '', url);
      else history.replaceState(history.state, '', url);
      lastWritten = fragment;
    } catch {
      // Some browsers throttle history calls (Safari: 100 per 30 s); the next edit tries again.
    }
    needPush = false;
  };
  const schedule = (push: boolean) => {
    if (push && !burst) needPush = true;
    if (push) {
      burst = true;
      clearTimeout(burstTimer);
      burstTimer = setTimeout(() => (burst = false), BURST_MS);
    }
    clearTimeout(writeTimer);
    writeTimer = setTimeout(write, WRITE_DEBOUNCE_MS);
  };

  // Canonical form of the start-up address (a bad link is replaced by the example's).
  schedule(false);
  write();

  const unsubStore = useStore.subscribe((s, prev) => {
    if (s.scenario === prev.scenario && s.gestureStart === prev.gestureStart) return;
    if (applyingHistory || s.gestureStart) return;
    schedule(true);
  });
  const unsubOptions = subscribeLinkOptions(() => schedule(false));

  const onPop = () => {
    const fragment = location.hash.replace(/^#/, '');
    if (fragment === lastWritten) return;
    clearTimeout(writeTimer);
    writeTimer = undefined;
    needPush = false;
    lastWritten = fragment;
    const { scenario, options } = decodeLink(fragment);
    setLinkOptions(options);
    const store = useStore.getState();
    applyingHistory = true;
    try {
      if (!scenario) store.openScenario(linkDefaults());
      else if (scenario.ok) store.openScenario(scenario.scenario);
      else
        store.notify(
          'error',
          `This link could not be opened: ${scenario.error}. Your scenario is unchanged.`,
        );
    } finally {
      applyingHistory = false;
    }
  };
  window.addEventListener('popstate', onPop);
  window.addEventListener('hashchange', onPop);

  return () => {
    clearTimeout(writeTimer);
    clearTimeout(burstTimer);
    unsubStore();
    unsubOptions();
    window.removeEventListener('popstate', onPop);
    window.removeEventListener('hashchange', onPop);
  };
}
