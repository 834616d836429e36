/**
 * Every method's parameters, looked up from the method registry (each method declares its specs
 * in `src/methods/<id>/meta.ts`; the spec kinds and checks are in `paramSpec.ts`). Validation, the
 * CLI's `--param key=value`, the share link and the panels all read these, so a parameter is
 * defined in exactly one place.
 */
import { methodMeta } from '../methods/index.ts';
import { checkParam, defaultsOf, type ParamSpec } from './paramSpec.ts';
import type { MethodId, ParamValue } from './types.ts';

export * from './paramSpec.ts';

/** The parameter specs of `method`. */
export function paramSpecs(method: MethodId): readonly ParamSpec[] {
  return methodMeta(method).params;
}

/** The defaults of a method's parameters. */
export function defaultParams(method: MethodId): Record<string, ParamValue> {
  return defaultsOf(paramSpecs(method));
}

/** Looks a parameter up by method and key. */
export function findParamSpec(method: MethodId, key: string): ParamSpec | undefined {
  return paramSpecs(method).find((s) => s.key === key);
}

/**
 * Completes and checks a method's params: unknown keys are dropped (DESIGN.md: ignored), missing
 * keys take their default, a bad value is an error naming the key.
 */
export function resolveParams(
  method: MethodId,
  given: Readonly<Record<string, unknown>>,
): { ok: true; params: Record<string, ParamValue> } | { ok: false; error: string } {
  const params = defaultParams(method);
  for (const spec of paramSpecs(method)) {
    if (!(spec.key in given) || given[spec.key] === undefined) continue;
    const r = checkParam(spec, given[spec.key]);
    if (!r.ok) return r;
    params[spec.key] = r.value;
  }
  return { ok: true, params };
}
