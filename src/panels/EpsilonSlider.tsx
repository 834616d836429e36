/**
 * The entropic regularisation ε of the open method (its `epsilon` parameter), with the blur length
 * √ε beside it: in plane units for the squared Euclidean cost, where √ε is a distance.
 */
import { formatNumber } from '../lib/format.ts';
import { useStore } from '../state/store.ts';
import { ParamSlider } from './ParamSlider.tsx';

export function EpsilonSlider() {
  const cost = useStore((s) => s.scenario.cost);
  return (
    <ParamSlider
      paramKey="epsilon"
      format={(v) => `ε = ${formatNumber(v, 3)}`}
      hint={(v) =>
        `Blur length √ε = ${formatNumber(Math.sqrt(v), 3)} ${cost === 'sqeuclidean' ? 'plane units' : '(ε in distance units)'}`
      }
    />
  );
}
