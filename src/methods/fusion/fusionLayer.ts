/**
 * Fusion on the stage: the decision regions of the merged model θ(λ) as a tinted background
 * (adaptation's region images), naive or aligned by the `show` parameter, with λ the playback
 * time t, or model A's or B's own regions. The regions are evaluated at the curves' 25 λ; between
 * two of them the two nearest images cross-fade.
 */
import type { FusionResult } from '../../../workers/methods/fusionTypes.ts';
import type { StageView } from '../../stage/view.ts';
import { getResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { regionImage } from '../adapt/adaptLayer.ts';
import { FUSION_LANE } from './run.ts';

/**
 * Layer under the clouds: the merged model's regions at λ = t, or model A's or B's alone (the
 * merges' ends: θ(0) = A and the naive θ(1) = B exactly).
 */
export function drawFusionRegions(ctx: CanvasRenderingContext2D, view: StageView): void {
  const r = getResult<FusionResult>(FUSION_LANE)?.value;
  if (!r) return;
  const { scenario, t } = useStore.getState();
  const g = r.regions;
  const show = scenario.params.show;
  const list = show === 'naive' || show === 'a' || show === 'b' ? g.naive : g.aligned;
  const at = show === 'a' ? 0 : show === 'b' ? 1 : Math.min(Math.max(t, 0), 1);
  const pos = at * (list.length - 1);
  const k = Math.min(Math.floor(pos), list.length - 2);
  const frac = pos - k;
  const [x0, x1, y0, y1] = g.bounds;
  const left = view.sx(x0);
  const top = view.sy(y1);
  const w = view.sx(x1) - left;
  const h = view.sy(y0) - top;
  const strength = view.theme.dark ? 0.22 : 0.16;
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  for (const [labels, share] of [
    [list[k], 1 - frac],
    [list[k + 1], frac],
  ] as const) {
    if (share <= 0) continue;
    ctx.globalAlpha = strength * share;
    ctx.drawImage(regionImage(g, labels, view.theme.dark), left, top, w, h);
  }
  ctx.restore();
}
