/** The "What is computed" section of the Flow panel: flow matching, the ODE, OT couplings, Reflow. */
import { Formula } from '../../panels/Formula.tsx';

export function FlowExplain() {
  return (
    <details className="explain">
      <summary>What is computed</summary>
      <p>
        <strong>Flow matching</strong> (Lipman et al. 2022; rectified flow, Liu et al. 2022). Draw pairs (x₀,
        x₁) from the source and the target, a time t uniform in [0, 1], and the point on the straight line
        between them. A small network v(x, t) (an MLP with Fourier features of t) learns the average direction
        of the lines through each point:
      </p>
      <Formula
        display
        tex={String.raw`\min_v\; \mathbb E_{t,\,(x_0,x_1)}\,\big|v(x_t, t) - (x_1 - x_0)\big|^2,\qquad x_t = (1-t)\,x_0 + t\,x_1.`}
      />
      <p>
        The particles then follow the ordinary differential equation, solved with K Euler steps of size 1/K:
      </p>
      <Formula
        display
        tex={String.raw`\frac{dx}{dt} = v(x, t),\quad x(0) \sim \mu \Rightarrow x(1) \sim \nu`}
      />
      <Formula display tex={String.raw`x_{k+1} = x_k + \tfrac1K\, v\big(x_k, \tfrac kK\big)`} />
      <p>
        Where lines of independent pairs cross, v averages them, so the learned paths bend: the ODE still
        carries the source to the target, but a single Euler step lands in the wrong place. The straightness
      </p>
      <Formula display tex={String.raw`S = \mathbb E \int_0^1 \big|(x_1 - x_0) - v(x_t, t)\big|^2\, dt`} />
      <p>is zero exactly when every path is a straight line travelled at constant speed.</p>
      <p>
        <strong>OT coupling</strong> (OT-CFM, Tong et al. 2023; Pooladian et al. 2023). Pair the points of
        each minibatch by exact optimal transport for |x₀ − x₁|² instead of at random. Optimal pairs do not
        cross (cyclical monotonicity), so the lines hardly intersect, the paths come out nearly straight, and
        few steps suffice.
      </p>
      <p>
        <strong>Reflow.</strong> Integrate the trained flow to get pairs (x₀, ODE(x₀)) and train again on
        those pairs. The new coupling is deterministic and its lines do not cross, so each round straightens
        the flow (1-RF → 2-RF); the transport cost never increases.
      </p>
      <p>
        The chart compares models by W₂² between the K-step output and a fresh target sample, for K = 1, 2, 4,
        …; the dashed line is the W₂² between two target samples, the floor set by sampling alone.
      </p>
    </details>
  );
}
