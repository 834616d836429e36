/**
 * Many models: K clients, each trained on its own chunk of the cloud, merged by FedAvg (the plain
 * average of their weights) and by the aligned average (every client's units matched to the
 * running mean by the chosen alignment, then averaged: a barycenter of networks). A table gives
 * each client's accuracy on the whole cloud and both merges'.
 */
import type { FederatedSummary } from '../../../workers/methods/fusionTypes.ts';
import { formatNumber } from '../../lib/format.ts';
import { ParamSlider } from '../../panels/ParamSlider.tsx';
import { ProgressBar } from '../../panels/ProgressBar.tsx';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { ParamChoice } from '../../panels/ParamFields.tsx';
import { FEDERATED_LANE, stopFederated } from './federatedRun.ts';
import { fusionProblem } from './options.ts';
import { mergeFederated } from './run.ts';

const percent = (v: number) => `${formatNumber(100 * v, 3)}%`;

function statusText(
  running: boolean,
  progressText: string | undefined,
  error: string | undefined,
  r?: FederatedSummary,
) {
  if (running) return `Training${progressText ? `: ${progressText}` : '…'}`;
  if (error) return error;
  if (r) {
    const how = r.stopped ? `stopped at ${r.trainSteps} steps each` : `${r.trainSteps} steps each`;
    return `Merged ${r.clientAccuracies.length} clients (${how}): FedAvg ${percent(r.accuracyFedAvg)}, aligned ${percent(r.accuracyAligned)}.`;
  }
  return 'Not merged yet: press Merge clients.';
}

function MergeTable({ r }: { r: FederatedSummary }) {
  const rows: [string, number, number | null, string][] = [
    ...Array.from(r.clientAccuracies, (a, k): [string, number, number | null, string] => [
      `Client ${k + 1}`,
      a,
      null,
      `${r.chunkSizes[k]} points`,
    ]),
    ['FedAvg (plain average)', r.accuracyFedAvg, r.lossFedAvg, 'all clients'],
    ['Aligned average', r.accuracyAligned, r.lossAligned, 'all clients'],
  ];
  return (
    <div className="numtable fusion-merge-table">
      <table aria-label="Accuracy on the whole cloud of each client and of both merges">
        <thead>
          <tr>
            <th scope="col">model</th>
            <th scope="col">trained on</th>
            <th scope="col">accuracy</th>
            <th scope="col">loss (nats)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, acc, loss, on]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{on}</td>
              <td>{percent(acc)}</td>
              <td>{loss === null ? '—' : formatNumber(loss, 3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FederatedSection() {
  const run = useStore((s) => s.runs[FEDERATED_LANE]);
  const r = useResult<FederatedSummary>(FEDERATED_LANE)?.value;
  const problem = useStore((s) => fusionProblem(s.scenario));
  const data = useStore((s) => s.scenario.params.data);
  const running = run?.status === 'running';
  const error = run?.status === 'error' ? (run.error ?? 'The merge failed.') : undefined;
  return (
    <section className="fusion-many" aria-labelledby="fusion-many-title">
      <h3 id="fusion-many-title">Many models</h3>
      <p className="lead">
        Federated learning: each client trains on its own chunk of the cloud. FedAvg averages their weights as
        they are; the aligned average first matches every client’s units to the running mean (a barycenter of
        networks), with the alignment chosen above.
      </p>
      <ParamSlider paramKey="clients" format={(v) => `${v} clients`} />
      {data !== 'split' && (
        <ParamChoice
          paramKey="split"
          labels={{ classes: 'By class', 'half-plane': 'By half-plane', random: 'At random' }}
        />
      )}
      <div className="row">
        <button
          type="button"
          className="btn primary"
          disabled={running || !!problem}
          onClick={() => void mergeFederated(useStore.getState().scenario)}
        >
          Merge clients
        </button>
        <button type="button" className="btn" disabled={!running} onClick={stopFederated}>
          Stop merging
        </button>
        <span className="status" role="status" aria-live="polite" data-testid="fusion-many-status">
          {problem ?? statusText(running, run?.progressText, error, r)}
        </span>
      </div>
      <ProgressBar label="Clients’ training progress" fraction={running ? (run?.progress ?? 0) : r ? 1 : 0} />
      {r && <MergeTable r={r} />}
    </section>
  );
}
