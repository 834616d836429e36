/**
 * A value that follows its input at most once per `ms` while the input keeps changing; the latest
 * input always lands within `ms`. For charts fed by progress messages (every 40 ms while a model
 * trains): drawing a long curve that often kept the main thread busy on slow machines.
 */
import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const show = () => {
      last.current = performance.now();
      setShown(() => value);
    };
    const wait = last.current + ms - performance.now();
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
