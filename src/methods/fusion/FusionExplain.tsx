/** The "What is computed" section of the fusion panel: permutation symmetry, the assignment, the merge, the barrier, many models. */
import { Formula } from '../../panels/Formula.tsx';

export function FusionExplain() {
  return (
    <details className="explain">
      <summary>What is computed</summary>
      <p>
        <strong>Permutation symmetry.</strong> Reordering a hidden layer&apos;s units (the rows of W_l and
        b_l, the columns of W_(l+1)) leaves the network&apos;s function unchanged, so two trainings land on
        equivalent solutions whose units are listed in different orders.
      </p>
      <p>
        <strong>Alignment is optimal transport between units.</strong> Each unit of A is matched to one of B
        by an assignment (exact OT with uniform masses) maximising the similarity of their weights or
        activations:
      </p>
      <Formula
        display
        tex={String.raw`\pi_l = \arg\max_{P \in S_w}\ \big\langle W^A_l,\ P\, W^B_l\, P_{l-1}^{\top} \big\rangle.`}
      />
      <p>
        <strong>The merge and the barrier.</strong> The parameters are averaged along a line, naively (π the
        identity) or after alignment; the barrier is how far the loss rises above the chord between the ends:
      </p>
      <Formula display tex={String.raw`\theta(\lambda) = (1-\lambda)\,\theta_A + \lambda\,\pi(\theta_B),`} />
      <Formula
        display
        tex={String.raw`B = \max_{\lambda}\ L(\theta(\lambda)) - \big((1-\lambda) L(\theta_A) + \lambda L(\theta_B)\big).`}
      />
      <p>
        <strong>Many models.</strong> FedAvg averages K clients&apos; parameters as they are. The aligned
        average is a barycenter of networks: starting from the first client, each round aligns every client to
        the current mean and averages the aligned clients (three rounds):
      </p>
      <Formula
        display
        tex={String.raw`\bar\theta \leftarrow \frac{1}{K} \sum_{k=1}^{K} \pi_k(\theta_k), \qquad \pi_k \text{ aligns } \theta_k \text{ to } \bar\theta.`}
      />
    </details>
  );
}
