/** React access to the results cache: re-renders when a lane's result is replaced. */
import { useCallback, useSyncExternalStore } from 'react';
import { getResult, subscribeResults } from './results.ts';

export function useResult<T>(lane: string): { runId: number; value: T } | undefined {
  const read = useCallback(() => getResult<T>(lane), [lane]);
  return useSyncExternalStore(subscribeResults, read);
}
