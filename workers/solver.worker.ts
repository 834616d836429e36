/**
 * The only worker entry (DESIGN.md section 3): exposes `api` with comlink. Each method module
 * (`methods/*.ts`) turns requests into kernel calls; long kernels run through `runSteps` so they
 * yield, report throttled progress and can be cancelled. Results go back with their typed arrays
 * transferred.
 */
import * as Comlink from 'comlink';
import { withFaultPoints } from './faults.ts';
import { adaptMethods } from './methods/adapt.ts';
import { barycenterMethods } from './methods/barycenter.ts';
import { brenierMethods } from './methods/brenier.ts';
import { controlMethods } from './methods/control.ts';
import { criticMethods } from './methods/critic.ts';
import { federatedMethods } from './methods/federated.ts';
import { fusionMethods } from './methods/fusion.ts';
import { exactMethods } from './methods/exact.ts';
import { flowMethods } from './methods/flow.ts';
import { sinkhornMethods } from './methods/sinkhorn.ts';
import { unbalancedMethods } from './methods/unbalanced.ts';
import { partialMethods } from './methods/partial.ts';
import { slicedMethods } from './methods/sliced.ts';
import { procrustesMethods } from './methods/procrustes.ts';
import { statsMethods } from './methods/stats.ts';
import { TEST_BUILD } from './testBuild.ts';

const methods = {
  ...controlMethods,
  ...statsMethods,
  ...exactMethods,
  ...sinkhornMethods,
  ...unbalancedMethods,
  ...partialMethods,
  ...procrustesMethods,
  ...flowMethods,
  ...brenierMethods,
  ...barycenterMethods,
  ...criticMethods,
  ...adaptMethods,
  ...fusionMethods,
  ...federatedMethods,
  ...slicedMethods,
};

// The test build adds a fault point at the end of each job call (faults.ts); production has none.
const api = TEST_BUILD ? withFaultPoints(methods) : methods;

/** The contract the client wraps: every method of every module. */
export type SolverApi = typeof api;

Comlink.expose(api);
