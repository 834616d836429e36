/** "What is computed": the Procrustes problem, its SVD solution, and Wasserstein-Procrustes. */
import { Formula } from '../../panels/Formula.tsx';

export function ProcrustesExplain() {
  return (
    <details className="explain">
      <summary>What is computed</summary>
      <p>
        With known pairs (x<sub>i</sub>, y<sub>i</sub>) and weights w<sub>i</sub>, Procrustes finds the
        rotation R, scale s and translation t that lay the source onto the target in the least-squares sense:
      </p>
      <Formula
        display
        tex={String.raw`\min_{R,\,s,\,t}\; \sum_i w_i \,\bigl|\, s R x_i + t - y_i \bigr|^2`}
      />
      <p>
        Centre both clouds at their weighted means μ<sub>x</sub>, μ<sub>y</sub> and form the 2×2
        cross-covariance
      </p>
      <Formula display tex={String.raw`H = \sum_i w_i\, (x_i-\mu_x)(y_i-\mu_y)^{\top}`} />
      <p>
        Its singular value decomposition <Formula tex={String.raw`H = U \Sigma V^{\top}`} /> gives the answer
        in closed form (Kabsch, Umeyama):
      </p>
      <Formula display tex={String.raw`R = V \begin{pmatrix} 1 & 0 \\ 0 & d \end{pmatrix} U^{\top}`} />
      <Formula display tex={String.raw`s = \frac{\sigma_1 + d\,\sigma_2}{\sum_i w_i\, |x_i-\mu_x|^2}`} />
      <Formula display tex={String.raw`t = \mu_y - s R\, \mu_x`} />
      <p>
        where σ₁ ≥ σ₂ are the singular values and d = sign det(VUᵀ), so that R is a rotation (d = 1 when
        reflections are allowed). Without scaling, s = 1.
      </p>
      <p>
        Without pairs, Wasserstein-Procrustes (Grave, Joulin &amp; Berthet, 2019) searches for the motion and
        the matching together, the matching being an optimal transport plan P between the weights a and b (the
        fit also has a translation, and a scale when allowed):
      </p>
      <Formula
        display
        tex={String.raw`\min_{R}\; \min_{P \in \Pi(a,b)}\; \sum_{ij} P_{ij}\, \bigl| R x_i - y_j \bigr|^2`}
      />
      <p>
        It alternates the two easy halves: for fixed R, an exact OT plan; for fixed P, the Procrustes fit
        above with every pair (i, j) weighted by P<sub>ij</sub>. Each step lowers the objective, but the
        problem is not convex: a symmetric-looking shape has several orientations where the alternation gets
        stuck. So it restarts from eight angles (sixteen with mirror images) and keeps the lowest objective;
        the table shows where each restart ended. On large clouds the restarts run on samples and only the
        winner is refined on all points.
      </p>
      <p>
        Press play to watch the source move from where it is (t = 0) to where the fit puts it (t = 1): it
        turns about its centre, grows by s<sup>t</sup> and slides. At t = 1 thin lines join each aligned point
        to its partner: what the RMSD measures.
      </p>
    </details>
  );
}
