/**
 * Whether a new deployment of the app is installed and waiting (src/app/serviceWorker.ts sets it),
 * and what the update prompt (UpdatePrompt.tsx) does when the user accepts or dismisses it. Its own
 * small store: the scenario store's history and link have nothing to do with it.
 */
import { create } from 'zustand';

/** The update prompt's state. */
export interface AppUpdateState {
  /** Switches to the waiting version and reloads; null while there is none (no prompt). */
  readonly apply: (() => void) | null;
  /** The user chose "not now": the prompt hides, the new version waits for the next visit. */
  readonly dismissed: boolean;
  /** Hides the prompt ("Not now"). */
  dismiss(): void;
}

/** The prompt's store: UpdatePrompt.tsx reads it, `offerUpdate` fills it. */
export const useAppUpdate = create<AppUpdateState>()((set) => ({
  apply: null,
  dismissed: false,
  dismiss: () => set({ dismissed: true }),
}));

/** Shows the prompt for a newly waiting version (again, if an earlier one was dismissed). */
export function offerUpdate(apply: () => void): void {
  useAppUpdate.setState({ apply, dismissed: false });
}
