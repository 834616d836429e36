/** The "What is computed" section of the Brenier panel: Brenier's theorem, both estimators. */
import { Formula } from '../../panels/Formula.tsx';

export function BrenierExplain() {
  return (
    <details className="explain">
      <summary>What is computed</summary>
      <p>
        <strong>Brenier&apos;s theorem.</strong> For the cost |x − y|² and a source without atoms, the optimal
        plan is a map, the gradient of a convex function:
      </p>
      <Formula display tex={String.raw`T = \nabla\varphi,\qquad \varphi\ \text{convex},`} />
      <Formula display tex={String.raw`W_2^2 = \textstyle\sum_i a_i\, |T(x_i) - x_i|^2.`} />
      <p>
        Convexity makes T monotone, ⟨T(x) − T(z), x − z⟩ ≥ 0: the grid folds nowhere, and the paths (1 − t)x +
        tT(x) never cross. The dashed lines are level sets of φ; T(x) − x is the arrow at x.
      </p>
      <p>
        <strong>Entropic map</strong> (Pooladian &amp; Niles-Weed). Solve entropic OT with Sinkhorn, keep the
        target potential g, and average the target points with soft weights, at any x in the plane:
      </p>
      <Formula display tex={String.raw`T_\varepsilon(x) = \sum_j w_j(x)\, y_j,`} />
      <Formula display tex={String.raw`w_j(x) \propto b_j\, e^{(g_j - |x - y_j|^2)/\varepsilon}.`} />
      <p>
        It is the gradient of <Formula tex={String.raw`\varphi = \tfrac12|x|^2 - \tfrac12 f`} />, where
      </p>
      <Formula
        display
        tex={String.raw`f(x) = -\varepsilon \log \sum_j b_j\, e^{(g_j - |x - y_j|^2)/\varepsilon},`}
      />
      <p>
        so φ is a log-sum-exp of affine functions: convex. Small ε follows the sample closely; large ε
        averages it towards the target&apos;s mean. Here ε is set relative to the clouds&apos; mean squared
        spread.
      </p>
      <p>
        <strong>Neural map</strong> (Makkuva et al. 2020). Two input-convex networks f and g (non-negative
        hidden-to-hidden weights, convex non-decreasing activations, plus a quadratic ½xᵀBBᵀx that starts at
        ½|x|², so the first map is the identity) play the min-max game
      </p>
      <Formula
        display
        tex={String.raw`\begin{aligned}\min_f \max_g\ &\mathbb E_{\nu}\, f(y)\\ +\ &\mathbb E_{\mu} \langle x, \nabla g(x)\rangle\\ -\ &\mathbb E_{\mu}\, f(\nabla g(x)).\end{aligned}`}
      />
      <p>
        The inner maximum is the convex conjugate f*(x), so at the saddle point ∇g = ∇f* is the Brenier map.
        The curve shows E|x|² + E|y|² − 2 × (objective), which tends to W₂²; it wobbles because f and g take
        turns (four Adam steps on g per step on f).
      </p>
    </details>
  );
}
