/**
 * Records the stage's running animation as WebM with the browser's own encoder (MediaRecorder over
 * canvas.captureStream; no ffmpeg): playback restarts at t = 0 and one pass from 0 to 1 is
 * recorded, or until `stop()`.
 */
import { BASE_DURATION_MS } from '../state/playbackSlice.ts';
import { useStore } from '../state/store.ts';
import { stageCanvas } from './exportImage.ts';

/** A recording in progress. */
export interface Recording {
  /** Ends the recording early. */
  stop(): void;
  /** The video, or null when the browser produced nothing. */
  readonly done: Promise<Blob | null>;
}

/** Frames per second asked of the canvas stream. */
const FPS = 30;
/** Time recorded after t reaches 1, so the final frame is seen, ms. */
const TAIL_MS = 400;

/** A WebM type this browser can record, or null. */
export function webmType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  const types = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];
  return types.find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

/**
 * Starts recording one pass of the animation. Returns a message instead when the browser cannot
 * record a canvas.
 */
export function recordAnimation(): Recording | string {
  const canvas = stageCanvas();
  const type = webmType();
  if (!canvas || typeof canvas.captureStream !== 'function' || !type)
    return 'This browser cannot record the stage as video (WebM). Try Chrome, Edge or Firefox.';
  let stream: MediaStream;
  let recorder: MediaRecorder;
  try {
    stream = canvas.captureStream(FPS);
    recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 4_000_000 });
  } catch (e) {
    return `Recording could not start: ${e instanceof Error ? e.message : String(e)}`;
  }
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const s = useStore.getState();
  const loop = s.loop;
  const timer: { id?: ReturnType<typeof setTimeout> } = {};
  const done = new Promise<Blob | null>((resolve) => {
    recorder.onstop = () => {
      clearTimeout(timer.id);
      stream.getTracks().forEach((t) => t.stop());
      const st = useStore.getState();
      st.setPlaying(false);
      st.setLoop(loop);
      resolve(chunks.length ? new Blob(chunks, { type: 'video/webm' }) : null);
    };
  });
  const stop = () => {
    if (recorder.state !== 'inactive') recorder.stop();
  };
  // One pass, 0 → 1, then stop: looping off so the clock halts at t = 1.
  s.setLoop(false);
  s.setT(0);
  recorder.start(250);
  s.setPlaying(true);
  timer.id = setTimeout(stop, BASE_DURATION_MS / s.speed + TAIL_MS);
  return { stop, done };
}
