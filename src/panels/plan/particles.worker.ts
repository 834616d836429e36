/** The particle worker: paints the plan's particles off the main thread (see deferredLayer.ts). */
import { serveLayer } from '../../stage/layerWorker.ts';
import { paintParticleInputs } from './particles.ts';

serveLayer(paintParticleInputs);
