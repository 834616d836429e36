/**
 * The only worker entry (DESIGN.md section 3): exposes `api` with comlink. Each method module
 * (`methods/*.ts`) turns requests into kernel calls; long kernels run through `runSteps` so they
 * yield, report throttled progress and can be cancelled. Results go back with their typed arrays
 * transferred.
 */
import * as Comlink from 'comlink';
import { withFaultPoints } from './faults.ts';
import { brenierMethods } from './methods/brenier.ts';
import { controlMethods } from './methods/control.ts';
import { flowMethods } from './methods/flow.ts';
import { planMethods } from './methods/plan.ts';
import { sinkhornMethods } from './methods/sinkhorn.ts';
import { procrustesMethods } from './methods/procrustes.ts';
import { statsMethods } from './methods/stats.ts';

// withFaultPoints: a test-only fault point at the end of each job call (faults.ts); inert unless armed.
const api = withFaultPoints({
  ...controlMethods,
  ...statsMethods,
  ...planMethods,
  ...sinkhornMethods,
  ...procrustesMethods,
  ...flowMethods,
  ...brenierMethods,
});

/** The contract the client wraps: every method of every module. */
export type SolverApi = typeof api;

Comlink.expose(api);
