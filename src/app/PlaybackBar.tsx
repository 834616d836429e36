/**
 * The shared playback bar: play/pause, scrub t in [0, 1], speed and loop. Methods that animate
 * (displacement interpolation, flows, Procrustes) read `t` from the store. The clock runs here, in
 * one requestAnimationFrame loop that writes only `t`.
 */
import { useEffect } from 'react';
import { BASE_DURATION_MS } from '../state/playbackSlice.ts';
import { useStore } from '../state/store.ts';
import { LoopIcon, PauseIcon, PlayIcon } from './icons.tsx';

const SPEEDS = [0.25, 0.5, 1, 2, 4];

/** Advances t while playing; ping-pong when looping so the motion reads back and forth. */
function usePlaybackClock() {
  const playing = useStore((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last = performance.now();
    let direction = 1;
    const tick = (now: number) => {
      const s = useStore.getState();
      const dt = Math.min(100, now - last);
      last = now;
      let t = s.t + (direction * dt * s.speed) / BASE_DURATION_MS;
      if (t >= 1 || t <= 0) {
        if (s.loop) {
          direction = -direction;
          t = Math.min(1, Math.max(0, t));
        } else {
          s.setT(Math.min(1, Math.max(0, t)));
          s.setPlaying(false);
          return;
        }
      }
      s.setT(t);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing]);
}

export function PlaybackBar() {
  usePlaybackClock();
  const t = useStore((s) => s.t);
  const playing = useStore((s) => s.playing);
  const speed = useStore((s) => s.speed);
  const loop = useStore((s) => s.loop);
  const { setT, setPlaying, setSpeed, setLoop } = useStore.getState();
  return (
    <div className="playbar" role="group" aria-label="Playback">
      <button
        type="button"
        className="btn icon"
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
        onClick={() => {
          if (!playing && t >= 1 && !loop) setT(0);
          setPlaying(!playing);
        }}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <label className="visually-hidden" htmlFor="playback-t">
        Time t
      </label>
      <input
        id="playback-t"
        type="range"
        min={0}
        max={1}
        step={0.001}
        value={t}
        aria-valuetext={`t = ${t.toFixed(2)}`}
        onChange={(e) => {
          setPlaying(false);
          setT(Number(e.target.value));
        }}
      />
      <output htmlFor="playback-t" className="tvalue">
        t = {t.toFixed(2)}
      </output>
      <label className="visually-hidden" htmlFor="playback-speed">
        Speed
      </label>
      <select
        id="playback-speed"
        value={speed}
        onChange={(e) => setSpeed(Number(e.target.value))}
        title="Playback speed"
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn icon"
        aria-label="Loop"
        aria-pressed={loop}
        title="Loop back and forth"
        onClick={() => setLoop(!loop)}
      >
        <LoopIcon />
      </button>
    </div>
  );
}
