import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: Error | null;
  reload: () => void;
}

/**
 * Loads once on mount, again whenever `key` changes, and again when the page comes back into
 * view (a booking made on the detail page shows on the list at once). An answer that arrives
 * after a newer request started is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(() => {
    const ticket = ++latest.current;
    setLoading(true);
    setError(null);
    loader.current().then(
      (value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setLoading(false);
      },
      (e: unknown) => {
        if (ticket !== latest.current) return;
        setError(e instanceof Error ? e : new Error(String(e)));
        setLoading(false);
      },
    );
  }, []);

  useEffect(reload, [key, reload]);
  const shown = useRef(false);
  useDidShow(() => {
    // The first show is the mount itself.
    if (shown.current) reload();
    shown.current = true;
  });
  return { data, loading, error, reload };
}
