/** The "What is computed" section of the critic panel: the dual, the Lipschitz constraint, the penalty. */
import { Formula } from '../../panels/Formula.tsx';

export function CriticExplain() {
  return (
    <details className="explain">
      <summary>What is computed</summary>
      <p>
        <strong>Kantorovich–Rubinstein duality.</strong> With the distance |x − y| as the cost, W1 is a
        maximum over 1-Lipschitz functions, the critics:
      </p>
      <Formula
        display
        tex={String.raw`W_1(\mu,\nu) = \max_{\|f\|_{L}\le 1}\ \mathbb{E}_{\nu} f - \mathbb{E}_{\mu} f.`}
      />
      <p>
        The exact potential (the exact solver&apos;s dual, switchable on the stage) rises at slope 1 along
        every transport ray. A network cannot be constrained to be 1-Lipschitz exactly; WGAN-GP penalises its
        gradient at random points x̂ between the clouds:
      </p>
      <Formula
        display
        tex={String.raw`\max_f\ \mathbb{E}_{\nu} f - \mathbb{E}_{\mu} f - \lambda\, \mathbb{E}_{\hat x}\big(\|\nabla f(\hat x)\| - 1\big)^2.`}
      />
      <p>
        The one-sided penalty only punishes slopes above 1, (max(0, ‖∇f‖ − 1))². Weight clipping keeps every
        weight in [−c, c]: the critic is then K-Lipschitz for some small K, and its value estimates K · W1,
        not W1.
      </p>
      <p>
        <strong>Why WGANs use it.</strong> A sigmoid discriminator trained by cross-entropy measures a ratio
        of densities; when the clouds do not overlap it saturates and the gradient it passes to a generator
        vanishes. The critic&apos;s gradient keeps norm about 1 everywhere between the clouds. In generator
        mode a small network maps Gaussian noise to samples and follows the critic&apos;s gradient, like the
        flow method&apos;s particles follow its velocity field, but learned adversarially.
      </p>
    </details>
  );
}
