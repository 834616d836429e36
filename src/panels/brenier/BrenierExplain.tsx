/** The "What is computed" section of the Brenier panel: Brenier's theorem, both estimators. */
import { Formula } from '../Formula.tsx';

export function BrenierExplain() {
  return (
    <details className="explain">
      <summary>What is computed</summary>
      <p>
        <strong>Brenier&apos;s theorem.</strong> For the cost |x − y|² and a source without atoms, the optimal
        plan is a map, and that map is the gradient of a convex function:
      </p>
      <Formula
        display
        tex={String.raw`T = \nabla\varphi,\quad \varphi \text{ convex},\qquad W_2^2 = \int |T(x) - x|^2\, d\mu(x).`}
      />
      <p>
        Convexity makes T monotone, ⟨T(x) − T(z), x − z⟩ ≥ 0: the grid folds nowhere, and the paths x ↦ (1 −
        t)x + tT(x) never cross. The dashed lines are level sets of φ; T(x) points across them.
      </p>
      <p>
        <strong>Entropic map</strong> (Pooladian &amp; Niles-Weed). Solve entropic OT with Sinkhorn, keep the
        target potential g, and average the target points with soft weights, for any x in the plane:
      </p>
      <Formula
        display
        tex={String.raw`T_\varepsilon(x) = \sum_j w_j(x)\, y_j,\qquad w_j(x) \propto b_j\, e^{(g_j - |x - y_j|^2)/\varepsilon}`}
      />
      <p>
        It is the gradient of φ(x) = ½|x|² − ½f(x) with f(x) = −ε log Σ<sub>j</sub> b<sub>j</sub> e
        <sup>
          (g<sub>j</sub> − |x − y<sub>j</sub>|²)/ε
        </sup>
        , a log-sum-exp of affine functions, so it is convex too. Small ε follows the sample closely; large ε
        averages it towards the target&apos;s mean. Here ε is set relative to the clouds&apos; mean squared
        spread.
      </p>
      <p>
        <strong>Neural map</strong> (Makkuva et al. 2020). Two input-convex networks f and g (non-negative
        hidden-to-hidden weights, convex non-decreasing activations, plus ½xᵀBBᵀx, starting at ½|x|²) play the
        min-max game
      </p>
      <Formula
        display
        tex={String.raw`\min_f \max_g\; \mathbb E_{y\sim\nu}\big[f(y)\big] + \mathbb E_{x\sim\mu}\big[\langle x, \nabla g(x)\rangle - f(\nabla g(x))\big]`}
      />
      <p>
        The inner maximum is the convex conjugate f*(x), so at the saddle point ∇g = ∇f* is the Brenier map.
        The curve shows E|x|² + E|y|² − 2·(objective), which tends to W₂²; it wobbles because f and g take
        turns (four steps of g per step of f, Adam).
      </p>
    </details>
  );
}
