import { Button, Notice } from '../kit';
import type { PagedList } from '../kit/use-paged-list';

/** Under a paged list: why the last page failed, and 加载更多 while there is more. */
export function More<T>({ list }: { list: PagedList<T> }) {
  return (
    <>
      {list.moreError ? <Notice ok={false}>{list.moreError}</Notice> : null}
      {list.hasMore ? (
        <Button kind="secondary" loading={list.loadingMore} onClick={list.loadMore}>
          加载更多
        </Button>
      ) : null}
    </>
  );
}
