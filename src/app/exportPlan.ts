/**
 * The current transport plan as a file: CSV (`i,j,mass`, one non-zero entry per line) or JSON
 * (`{ method, n, m, cost, plan: { i, j, mass } }`, the field names of the command line's output).
 * Indices are 0-based into the scenario's source and target clouds; mass is in units of total mass
 * 1. For Sinkhorn, the entries are the ones the solver hands the app: the largest entries, holding
 * most of the mass (`totalMass` says how much).
 */
import type { PlanResult } from '../../workers/api.ts';
import type { Scenario } from '../scenario/types.ts';

/** The plan's entries as CSV text with a header. */
export function planToCsv(r: PlanResult): string {
  const { i, j, mass } = r.plan;
  const rows = ['i,j,mass'];
  for (let k = 0; k < mass.length; k++) rows.push(`${i[k]},${j[k]},${mass[k]}`);
  return rows.join('\n') + '\n';
}

/** The plan as a JSON document (text). */
export function planToJson(r: PlanResult, s: Pick<Scenario, 'name' | 'method' | 'cost'>): string {
  let total = 0;
  for (let k = 0; k < r.plan.mass.length; k++) total += r.plan.mass[k];
  return JSON.stringify({
    format: 'ot-playground.plan',
    scenario: s.name,
    method: s.method,
    groundCost: s.cost,
    n: r.n,
    m: r.m,
    cost: r.cost,
    totalMass: total,
    plan: { i: Array.from(r.plan.i), j: Array.from(r.plan.j), mass: Array.from(r.plan.mass) },
  });
}
