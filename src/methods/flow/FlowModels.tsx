/**
 * The trained models side by side: W₂² against the number of Euler steps (one line per model, so
 * the classroom sees straight flows need fewer steps), and the list of models (select one for the
 * stage, remove).
 */
import { LineChart, type Series } from '../../charts/LineChart.tsx';
import { removeModel, selectModel } from './run.ts';
import { flowState, type FlowEntry } from './state.ts';
import { formatNumber } from '../../lib/format.ts';

/** Line colours of the models, in order. */
const COLOURS = ['var(--accent)', '#e0882b', '#2a9d8f', '#b5508f', '#6a7fdb', '#8c8c3a'];

export const modelColour = (models: readonly FlowEntry[], id: number) =>
  COLOURS[
    Math.max(
      0,
      models.findIndex((m) => m.id === id),
    ) % COLOURS.length
  ];

/** W₂² at one step from an evaluation. */
export const w2At = (e: FlowEntry, steps: number) => e.evaluation?.w2.find((p) => p.steps === steps)?.w2;

export function FlowW2Chart() {
  const models = flowState.use((s) => s.models);
  const evaluated = models.filter((m) => m.evaluation);
  const series: Series[] = evaluated.map((m) => ({
    name: m.name,
    x: m.evaluation!.w2.map((p) => Math.log2(p.steps)),
    y: m.evaluation!.w2.map((p) => p.w2),
    color: modelColour(models, m.id),
  }));
  const floor = evaluated[evaluated.length - 1]?.evaluation?.w2Floor;
  if (models.length === 0) return null;
  return (
    <div className="flow-w2">
      <h3 className="flow-sub">W₂² against Euler steps</h3>
      <LineChart
        series={series}
        logY
        yRule={floor}
        xLabel="Euler steps, log₂ (0 = 1 step, 7 = 128)"
        yLabel="W₂² to target"
        label={`W₂² between the flow's output and the target against log₂ of the Euler steps, one line per model: ${evaluated
          .map((m) => `${m.name} ${formatNumber(w2At(m, 1), 3)} at 1 step`)
          .join(
            '; ',
          )}${floor !== undefined ? `; dashed line: sampling noise ${formatNumber(floor, 3)}` : ''}`}
      />
      <ul className="flow-legend" aria-hidden="true">
        {evaluated.map((m) => (
          <li key={m.id}>
            <span className="flow-swatch" style={{ background: modelColour(models, m.id) }} />
            {m.name}
          </li>
        ))}
        {floor !== undefined && <li className="muted">- - sampling noise</li>}
      </ul>
    </div>
  );
}

export function FlowModelList() {
  const models = flowState.use((s) => s.models);
  const selectedId = flowState.use((s) => s.selectedId);
  if (models.length === 0) return null;
  return (
    <div className="flow-models numtable">
      <table aria-label="Trained models">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Coupling</th>
            <th scope="col" title="Straightness S = E∫|x₁ − x₀ − v(x_t, t)|² dt (0 = straight)">
              S
            </th>
            <th scope="col" title="W₂² to the target after one Euler step">
              W₂² 1 step
            </th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id} aria-current={m.id === selectedId ? 'true' : undefined}>
              <td>
                <label className="flow-pick">
                  <input
                    type="radio"
                    name="flow-model"
                    checked={m.id === selectedId}
                    onChange={() => selectModel(m.id)}
                  />
                  <span className="flow-swatch" style={{ background: modelColour(models, m.id) }} />
                  <span>
                    {m.name}
                    {m.stopped && <span className="muted"> (stopped)</span>}
                  </span>
                </label>
              </td>
              <td>{m.coupling === 'minibatch-ot' ? 'OT' : 'indep.'}</td>
              <td>{m.evaluation ? formatNumber(m.evaluation.straightness, 3) : '…'}</td>
              <td>{m.evaluation ? formatNumber(w2At(m, 1), 3) : '…'}</td>
              <td>
                <button
                  type="button"
                  className="flow-remove"
                  aria-label={`Remove ${m.name}`}
                  title={`Remove ${m.name}`}
                  onClick={() => removeModel(m.id)}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
