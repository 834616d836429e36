import { describe, expect, it, vi } from 'vitest';
import {
  registerServiceWorker,
  SKIP_WAITING,
  wantsServiceWorker,
  type WorkerContainer,
} from './serviceWorker.ts';

/** A service worker that the test moves through its states. */
class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'installing';
  readonly messages: unknown[] = [];
  postMessage(m: unknown) {
    this.messages.push(m);
  }
  to(state: ServiceWorkerState) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  /** A new worker starts installing (a new deployment's `sw.js`). */
  found(): FakeWorker {
    const w = new FakeWorker();
    this.installing = w;
    this.dispatchEvent(new Event('updatefound'));
    return w;
  }
  /** The installing worker has installed and, with an active worker in charge, waits. */
  installed(w: FakeWorker) {
    this.installing = null;
    this.waiting = w;
    w.to('installed');
  }
}

/** A browser whose page is (or is not) controlled by a worker, and what registration saw. */
function setup(controlled: boolean, registration = new FakeRegistration()) {
  const container = Object.assign(new EventTarget(), {
    controller: controlled ? ({} as ServiceWorker) : null,
    register: vi.fn(async () => registration as unknown as ServiceWorkerRegistration),
  });
  const offers: (() => void)[] = [];
  const reload = vi.fn();
  const started = registerServiceWorker({
    container: container as unknown as WorkerContainer,
    scriptUrl: 'https://example.test/app/sw.js',
    onUpdate: (apply) => offers.push(apply),
    reload,
  });
  return { container, registration, offers, reload, started };
}

describe('registerServiceWorker', () => {
  it('registers the script it is given', async () => {
    const { container, started } = setup(false);
    await started;
    expect(container.register).toHaveBeenCalledWith('https://example.test/app/sw.js');
  });

  it('offers nothing for the first worker, which no older build ran before', async () => {
    const { registration, offers, started } = setup(false);
    await started;
    const w = registration.found();
    registration.installed(w);
    w.to('activated');
    expect(offers).toEqual([]);
  });

  it('offers a new deployment once it has installed and waits', async () => {
    const { registration, offers, started } = setup(true);
    await started;
    const w = registration.found();
    expect(offers).toHaveLength(0);
    registration.installed(w);
    expect(offers).toHaveLength(1);
  });

  it('offers a worker that was already waiting when the page opened', async () => {
    const registration = new FakeRegistration();
    registration.waiting = new FakeWorker();
    registration.waiting.state = 'installed';
    const { offers, started } = setup(true, registration);
    await started;
    expect(offers).toHaveLength(1);
  });

  it('on "Reload", tells the waiting worker to take over and reloads once it has', async () => {
    const { container, registration, offers, reload, started } = setup(true);
    await started;
    const w = registration.found();
    registration.installed(w);
    offers[0]();
    expect(w.messages).toEqual([SKIP_WAITING]);
    expect(reload).not.toHaveBeenCalled();
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload a page whose user did not ask when another tab applies the update', async () => {
    const { container, registration, offers, reload, started } = setup(true);
    await started;
    registration.installed(registration.found());
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).not.toHaveBeenCalled();
    // Its prompt is still up; the worker no longer waits, so the button just reloads.
    registration.waiting = null;
    offers[0]();
    expect(reload).toHaveBeenCalledTimes(1);
  });
});

describe('wantsServiceWorker', () => {
  const base = { production: true, supported: true, automated: false, search: '' };
  it('registers in a built app in a browser with service workers', () => {
    expect(wantsServiceWorker(base)).toBe(true);
  });
  it('not in the dev server, nor where the browser has no service workers', () => {
    expect(wantsServiceWorker({ ...base, production: false })).toBe(false);
    expect(wantsServiceWorker({ ...base, supported: false })).toBe(false);
  });
  it('under automation only when the URL asks with ?sw', () => {
    expect(wantsServiceWorker({ ...base, automated: true, search: '?e2e' })).toBe(false);
    expect(wantsServiceWorker({ ...base, automated: true, search: '?e2e&sw' })).toBe(true);
  });
});
