/** The test hook the app exposes with `?e2e` (see src/app/testHook.ts), as the specs use it. */
interface OtTestScenario {
  name: string;
  method: string;
  cost: string;
  params: Record<string, number | string | boolean>;
  clouds: {
    name: string;
    points: Float64Array;
    weights: Float64Array | null;
    labels: ArrayLike<number> | null;
  }[];
}
interface OtTestStore {
  getState(): Record<string, unknown> & {
    scenario: OtTestScenario;
    commit(s: OtTestScenario): void;
    runs: Record<string, { id: number; status: string; error?: string } | undefined>;
  };
}
interface Window {
  __ot?: {
    store: OtTestStore;
    getResult(lane: string): { runId: number; value: unknown } | undefined;
    supersedeProbe(): Promise<[string, string]>;
    /** Makes the lane's worker fail mid-job without superseding it (see src/app/testHook.ts). */
    injectFault(lane: string, kind: 'throw' | 'crash' | 'hang' | 'nan'): Promise<'armed' | 'replaced'>;
    /** Shortens the solver client's watchdog (ms) for jobs started afterwards. */
    setWatchdog(pingMs: number, silentMs: number): void;
  };
}
