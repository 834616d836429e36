/**
 * Similarity motions of the plane (x ↦ scale · L x + translation, L orthogonal) as produced by the
 * Procrustes kernels, how to apply them to points, and how to animate them.
 *
 * Matrices are `Float64Array(4)`, row-major `[r00, r01, r10, r11]`, acting on column vectors:
 * (L x)_0 = r00 x_0 + r01 x_1, (L x)_1 = r10 x_0 + r11 x_1.
 */

/** A map x ↦ scale · rotation · x + translation of the plane. */
export interface SimilarityMotion {
  /**
   * 2×2 linear part, row-major `[r00, r01, r10, r11]`. Orthogonal (det ±1) for a fitted motion;
   * for an intermediate frame of a reflected fit ({@link motionAt}) it is a partial flip instead.
   */
  rotation: Float64Array;
  /** Uniform scale factor, >= 0 (1 when scaling is off). */
  scale: number;
  /** Translation [tx, ty], in the units of the points. */
  translation: [number, number];
}

/** A fitted motion with what {@link motionAt} needs to animate it. */
export interface FittedMotion extends SimilarityMotion {
  /** atan2(r10, r00) in radians, in (−π, π]: the rotation angle, or for a reflection twice the mirror axis angle. */
  angle: number;
  /** True when det(rotation) = −1: a mirror image, `rotation` = [[cos a, sin a], [sin a, −cos a]]. */
  reflected: boolean;
  /** Weighted centroid [x, y] of the fitted source points: the pivot of the animation. */
  sourceCentroid: [number, number];
}

/** Rotation by `angle` radians (counter-clockwise), row-major. */
export function rotationMatrix(angle: number): Float64Array {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return Float64Array.of(c, -s, s, c);
}

/** Reflection across the line through the origin at angle `angle / 2`: [[cos a, sin a], [sin a, −cos a]]. */
export function reflectionMatrix(angle: number): Float64Array {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return Float64Array.of(c, s, s, -c);
}

/**
 * Applies `motion` to interleaved points.
 * @param points length 2n, interleaved [x0, y0, x1, y1, ...]
 * @param out optional output of length 2n (may be `points` itself, for an in-place update)
 * @returns `out` (or a new array), scale · rotation · p + translation for each point p
 */
export function applyMotion(
  motion: SimilarityMotion,
  points: Float64Array,
  out?: Float64Array,
): Float64Array {
  const result = out && out.length === points.length ? out : new Float64Array(points.length);
  const R = motion.rotation;
  const s = motion.scale;
  const a = s * R[0];
  const b = s * R[1];
  const c = s * R[2];
  const d = s * R[3];
  const [tx, ty] = motion.translation;
  for (let k = 0; k < points.length; k += 2) {
    const px = points[k];
    const py = points[k + 1];
    result[k] = a * px + b * py + tx;
    result[k + 1] = c * px + d * py + ty;
  }
  return result;
}

/**
 * The frame at time t of an animation from the identity (t = 0) to the fitted motion (t = 1),
 * following a geodesic of the similarity group:
 *
 * - the source centroid c moves on a straight line to its image c' = scale · R c + translation, at
 *   constant speed, while the cloud turns about it (turning about the origin instead would swing the
 *   cloud along an arc, which looks wrong when the clouds sit far from the origin);
 * - a rotation turns by t · angle (angle in (−π, π], so the short way round);
 * - the scale grows geometrically, scale^t (log-scale linear), so halving and doubling look alike;
 *   a zero scale (a fit onto a single target point) shrinks linearly, 1 − t, instead;
 * - a reflection cannot be reached by turning in the plane. It is animated as the half-turn in 3-D
 *   about its mirror axis (direction at angle / 2) seen from above: the component across the axis
 *   is multiplied by cos(π t), so the cloud flips like a card, flattening onto the axis at t = 1/2.
 *   The linear part is then not orthogonal for 0 < t < 1 (det = cos(π t)).
 *
 * At t = 0 it returns exactly the identity; at t = 1 the fit up to rounding (1e-15 relative).
 * @param t time, normally in [0, 1] (not clamped)
 */
export function motionAt(fit: FittedMotion, t: number): SimilarityMotion {
  // The end points exactly, not up to the rounding of cos / sin / pow.
  if (t === 0) return { rotation: Float64Array.of(1, 0, 0, 1), scale: 1, translation: [0, 0] };
  if (t === 1)
    return { rotation: Float64Array.from(fit.rotation), scale: fit.scale, translation: [...fit.translation] };
  const scale = fit.scale > 0 ? Math.pow(fit.scale, t) : 1 - t;
  let rotation: Float64Array;
  if (!fit.reflected) {
    rotation = rotationMatrix(t * fit.angle);
  } else {
    // L_t = u uᵀ + cos(π t) v vᵀ, u the mirror axis and v its normal: L_0 = I, L_1 = u uᵀ − v vᵀ.
    const half = fit.angle / 2;
    const ux = Math.cos(half);
    const uy = Math.sin(half);
    const k = Math.cos(Math.PI * t);
    const off = (1 - k) * ux * uy;
    rotation = Float64Array.of(ux * ux + k * uy * uy, off, off, uy * uy + k * ux * ux);
  }
  const [cx, cy] = fit.sourceCentroid;
  const R = fit.rotation;
  const endX = fit.scale * (R[0] * cx + R[1] * cy) + fit.translation[0];
  const endY = fit.scale * (R[2] * cx + R[3] * cy) + fit.translation[1];
  // The centroid's path c + t (c' − c) fixes the translation: T_t = c + t (c' − c) − s_t L_t c.
  const translation: [number, number] = [
    cx + t * (endX - cx) - scale * (rotation[0] * cx + rotation[1] * cy),
    cy + t * (endY - cy) - scale * (rotation[2] * cx + rotation[3] * cy),
  ];
  return { rotation, scale, translation };
}

/** Wraps an angle in radians to (−π, π]. */
export function wrapAngle(angle: number): number {
  let a = angle % (2 * Math.PI);
  if (a <= -Math.PI) a += 2 * Math.PI;
  else if (a > Math.PI) a -= 2 * Math.PI;
  return a;
}
