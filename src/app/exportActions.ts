/**
 * What the File menu's export entries do: build the file, download it, and say what went wrong
 * when something did (no stage, no plan yet, a browser that cannot record). Each action reads the
 * store and the results cache when called.
 */
import type { PlanResult } from '../../workers/api.ts';
import { PLAN_LANE } from '../panels/plan/planLayer.ts';
import { cloudToCsv, readCloudCsvFile } from '../scenario/csv.ts';
import { downloadBlob, downloadScenario, readScenarioFile, scenarioFileName } from '../scenario/fileIo.ts';
import { cloudToJson, parseScenario, scenarioToJson } from '../scenario/schema.ts';
import { cloudAt, cloudSize, sourceCloud, targetCloud, type Scenario } from '../scenario/types.ts';
import { FALLBACK_THEMES } from '../stage/palette.ts';
import { getStageView } from '../stage/stageController.ts';
import { getResult } from '../state/results.ts';
import { withCloud } from '../state/scenarioSlice.ts';
import { useStore } from '../state/store.ts';
import type { NoticeTopic } from '../state/uiSlice.ts';
import { stagePng } from './exportImage.ts';
import { planToCsv, planToJson } from './exportPlan.ts';
import { scenarioSvg } from './exportSvg.ts';

const notify = (kind: 'info' | 'error', text: string, topic?: NoticeTopic) =>
  useStore.getState().notify(kind, text, topic);

/** The file name stem of the open scenario (`gaussian-to-eight-gaussians`). */
export function fileStem(s: Scenario = useStore.getState().scenario): string {
  return scenarioFileName(s).replace(/\.ot\.json$/, '');
}

/** Downloads a blob under `name` (re-exported for the menu). */
export { downloadBlob };

/** Saves the scenario as a v1 file. */
export function saveScenarioFile(): void {
  downloadScenario(useStore.getState().scenario);
}

/** Opens a scenario file as an undoable edit; a bad file leaves the scenario unchanged. */
export async function openScenarioFile(file: File): Promise<void> {
  const r = await readScenarioFile(file);
  const { openScenario } = useStore.getState();
  if (r.ok) {
    openScenario(r.scenario);
    notify('info', `Opened “${r.scenario.name}”.`, 'opened');
  } else {
    notify('error', `Could not open the file: ${r.error}. Your scenario is unchanged.`);
  }
}

/** Replaces the cloud at `index` with the points of a CSV file (validated like any scenario). */
export async function importCloudCsv(file: File, index: number): Promise<void> {
  const r = await readCloudCsvFile(file);
  if (!r.ok) {
    notify('error', `Could not import the CSV file: ${r.error}. Your scenario is unchanged.`);
    return;
  }
  const { scenario, commit } = useStore.getState();
  const name = cloudAt(scenario, index).name;
  const cloud = { ...r.cloud, name };
  // Check the new cloud through the file schema on its own (the other clouds may be empty).
  const check = parseScenario({ ...scenarioToJson(scenario), clouds: [cloudToJson(cloud)] });
  if (!check.ok) {
    notify('error', `Could not import the CSV file: ${check.error.replace(/^clouds\[0\]\./, '')}.`);
    return;
  }
  commit(withCloud(scenario, index, cloud));
  const n = cloudSize(cloud);
  notify('info', `Imported ${n} point${n === 1 ? '' : 's'} into ${name}. Undo brings the old points back.`);
}

/** Downloads the cloud at `index` as CSV. */
export function exportCloudCsv(index: number): void {
  const s = useStore.getState().scenario;
  const c = cloudAt(s, index);
  const stem = c.name.replace(/[^\w-]+/g, '-').toLowerCase() || `cloud-${index + 1}`;
  downloadBlob(`${fileStem(s)}-${stem}.csv`, new Blob([cloudToCsv(c)], { type: 'text/csv' }));
}

/** Downloads the stage as PNG. */
export async function exportPng(): Promise<void> {
  const blob = await stagePng();
  if (!blob) notify('error', 'The stage could not be saved as an image.');
  else downloadBlob(`${fileStem()}.png`, blob);
}

/** The plan of the open scenario, when it is solved and current; otherwise a message. */
function currentPlanOrMessage(): PlanResult | string {
  const s = useStore.getState();
  const r = getResult<PlanResult>(PLAN_LANE)?.value;
  const run = s.runs[PLAN_LANE];
  if (!r)
    return `This scenario has no transport plan to export (plans come from the Exact and Sinkhorn methods).`;
  if (run?.status === 'running') return 'The plan is still being computed. Try again in a moment.';
  if (r.n !== cloudSize(sourceCloud(s.scenario)) || r.m !== cloudSize(targetCloud(s.scenario)))
    return 'The plan does not match the clouds any more. Try again once it is solved.';
  return r;
}

/** Downloads the stage as SVG, drawn from the scenario and the plan. */
export function exportSvg(): void {
  const s = useStore.getState();
  const view = getStageView();
  const theme = view?.theme ?? FALLBACK_THEMES.light;
  const plan = currentPlanOrMessage();
  const hasPlan = typeof plan !== 'string';
  const svg = scenarioSvg(s.scenario, {
    width: Math.round(view?.width ?? 800),
    height: Math.round(view?.height ?? 600),
    colors: {
      clouds: theme.clouds,
      background: theme.background,
      foreground: theme.foreground,
    },
    plan: hasPlan && s.showPlan ? plan.plan : null,
    t: hasPlan && s.showParticles ? s.t : null,
  });
  downloadBlob(`${fileStem()}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
}

/** Downloads the current plan as CSV or JSON. */
export function exportPlan(kind: 'csv' | 'json'): void {
  const plan = currentPlanOrMessage();
  if (typeof plan === 'string') {
    notify('error', plan);
    return;
  }
  const s = useStore.getState().scenario;
  const blob =
    kind === 'csv'
      ? new Blob([planToCsv(plan)], { type: 'text/csv' })
      : new Blob([planToJson(plan, s)], { type: 'application/json' });
  downloadBlob(`${fileStem(s)}-plan.${kind}`, blob);
}

/**
 * Downloads the open scenario as a Python script or a Jupyter notebook that reproduces the method
 * with POT / PyTorch (src/export/). The export code is its own chunk, fetched on first use; clouds
 * too large to embed come as a second download, an `.npz` file the script loads from its folder.
 */
export async function exportPython(to: 'python' | 'notebook'): Promise<void> {
  const s = useStore.getState().scenario;
  const what = to === 'python' ? 'Python script' : 'Jupyter notebook';
  try {
    const { exportScenario } = await import('../export/exportScenario.ts');
    const files = await exportScenario(s, to, fileStem(s));
    const type = to === 'python' ? 'text/x-python' : 'application/x-ipynb+json';
    downloadBlob(files.main.name, new Blob([files.main.text], { type }));
    if (files.data) {
      downloadBlob(
        files.data.name,
        new Blob([files.data.bytes as BlobPart], { type: 'application/octet-stream' }),
      );
      notify(
        'info',
        `Exported ${files.main.name} and ${files.data.name} (the clouds, too large to embed): keep them in one folder.`,
      );
    } else {
      const needs = files.engine === 'pot' ? 'NumPy and POT' : 'PyTorch';
      notify('info', `Exported ${files.main.name}: it needs ${needs} and prints the numbers shown here.`);
    }
  } catch (e) {
    notify(
      'error',
      `Could not export the ${what}: ${e instanceof Error ? e.message : String(e)}. You may be offline.`,
    );
  }
}
