/**
 * Registers the service worker that build/pwa.ts generates (`sw.js`: the whole build precached), so
 * the app works offline after its first visit, and watches for a new deployment's worker.
 *
 * The page registers the worker itself, from this bundled module: the CSP forbids the inline
 * script the plugin could inject, and workbox-window's prompt flow reloads only pages that had a
 * worker when they registered, so a first visit's page would accept an update and never reload.
 * What is needed is small: a new worker that has installed while an older one controls the page
 * waits (the worker has no skipWaiting); the page offers the update; on "Reload" it tells the
 * waiting worker to take over and reloads when it has, so no page ever runs chunks of two builds.
 */
import { offerUpdate } from './appUpdate.ts';

/** The members of the browser's ServiceWorkerContainer used here (tests pass a fake). */
export type WorkerContainer = Pick<ServiceWorkerContainer, 'controller' | 'register' | 'addEventListener'>;

/** What registration needs from the page, all injectable for tests. */
export interface RegisterOptions {
  readonly container: WorkerContainer;
  /** The worker's script, absolute; its folder (the app's root) is the worker's scope. */
  readonly scriptUrl: string;
  /** Called with the function that applies a waiting update, each time one is found. */
  readonly onUpdate: (apply: () => void) => void;
  readonly reload: () => void;
}

/** The message the generated worker answers with `skipWaiting()` (Workbox's convention). */
export const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;

/**
 * Registers the worker and offers each update that is waiting (now or later) through `onUpdate`.
 * The first worker a browser installs offers nothing: no page ran an older build, and it takes
 * this page over by itself (clientsClaim in build/pwa.ts).
 */
export async function registerServiceWorker(opts: RegisterOptions): Promise<ServiceWorkerRegistration> {
  const { container, onUpdate, reload } = opts;
  const registration = await container.register(opts.scriptUrl);
  // Only the page whose user chose "Reload" reloads when the new worker takes over. Another tab
  // keeps its prompt, whose button then finds nothing waiting and simply reloads.
  let asked = false;
  container.addEventListener('controllerchange', () => {
    if (asked) reload();
  });
  const apply = () => {
    const waiting = registration.waiting;
    if (!waiting) return reload();
    asked = true;
    waiting.postMessage(SKIP_WAITING);
  };
  const offerIfWaiting = () => {
    if (registration.waiting && container.controller) onUpdate(apply);
  };
  const watch = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offerIfWaiting();
    });
  offerIfWaiting();
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
  return registration;
}

/** What decides whether this page registers the worker. */
export interface WorkerEnvironment {
  /** A built app (`import.meta.env.PROD`); the dev server has no worker to register. */
  readonly production: boolean;
  /** The browser has service workers (not on plain http, not in some private modes). */
  readonly supported: boolean;
  /** `navigator.webdriver`: the page is under Playwright (the e2e suite, bench:ui). */
  readonly automated: boolean;
  /** `location.search` of the page as opened. */
  readonly search: string;
}

/**
 * Whether to register. Not under automation unless the URL has `?sw` (e2e/offline.spec.ts): the
 * other specs and the UI benchmark measure the app itself, and a worker that claims the page mid
 * test and serves a build from its cache would only add a moving part.
 */
export function wantsServiceWorker(env: WorkerEnvironment): boolean {
  if (!env.production || !env.supported) return false;
  return !env.automated || new URLSearchParams(env.search).has('sw');
}

/**
 * Registers the worker in a built app, after the page's `load` event: installing it downloads the
 * whole build, which must not compete with the first render. A failure (a browser that refuses
 * workers) costs only the offline copy, so it is a console warning.
 */
export function startServiceWorker(): void {
  const wanted = wantsServiceWorker({
    production: import.meta.env.PROD,
    supported: 'serviceWorker' in navigator,
    automated: navigator.webdriver,
    search: location.search,
  });
  if (!wanted) return;
  const register = () =>
    registerServiceWorker({
      container: navigator.serviceWorker,
      // BASE_URL is './' (relative build) or the BASE_PATH the app was built for.
      scriptUrl: new URL(`${import.meta.env.BASE_URL}sw.js`, document.baseURI).href,
      onUpdate: offerUpdate,
      reload: () => location.reload(),
    }).catch((e: unknown) => console.warn('The offline copy is unavailable:', e));
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
