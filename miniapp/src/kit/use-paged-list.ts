import { useCallback, useRef, useState } from 'react';
import { messageOf } from './errors';
import { useLoad } from './use-load';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> {
  items: T[];
  loading: boolean;
  error: Error | null;
  reload: () => void;
  hasMore: boolean;
  loadingMore: boolean;
  /** Why the last "more" failed, in Chinese; the list already shown stays. */
  moreError: string | null;
  loadMore: () => void;
}

/**
 * A cursor-paged list: the first page through `useLoad` (reloaded when `key` changes or the page
 * shows again), further pages appended. A reload drops the appended pages, so nothing stale stays.
 */
export function usePagedList<T>(fetch: (cursor?: string) => Promise<Page<T>>, key: string): PagedList<T> {
  const [more, setMore] = useState<Page<T> | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const round = useRef(0);
  const first = useLoad(() => {
    round.current += 1;
    setMore(null);
    setMoreError(null);
    return fetch();
  }, key);

  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.nextCursor : (first.data?.nextCursor ?? null);
  const fetcher = useRef(fetch);
  fetcher.current = fetch;

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const started = round.current;
    setLoadingMore(true);
    setMoreError(null);
    fetcher
      .current(cursor)
      .then(
        (page) => {
          if (started !== round.current) return;
          setMore((done) => ({ items: [...(done?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
        },
        (e: unknown) => setMoreError(messageOf(e)),
      )
      .finally(() => setLoadingMore(false));
  }, [cursor, loadingMore]);

  return {
    items,
    loading: first.loading && !first.data,
    error: first.error,
    reload: first.reload,
    hasMore: cursor !== null,
    loadingMore,
    moreError,
    loadMore,
  };
}
