import { useCallback, useRef, useState } from 'react';
import { messageOf } from './errors';

export interface Action<A extends unknown[]> {
  /** Runs the action unless it is already running; resolves true when it succeeded. */
  run: (...args: A) => Promise<boolean>;
  busy: boolean;
  /** The failure in Chinese, cleared when the action runs again or `clear()` is called. */
  error: string | null;
  clear: () => void;
}

/** One button's action: busy while it runs (a second tap does nothing), its error as a message. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const latest = useRef(action);
  latest.current = action;

  const run = useCallback(async (...args: A) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await latest.current(...args);
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { run, busy, error, clear: useCallback(() => setError(null), []) };
}
