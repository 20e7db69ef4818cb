import type { PropsWithChildren, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Notice } from './Button';
import { messageOf, needsSignIn } from './errors';
import { SignInPrompt } from './SignInGate';
import type { PagedList } from './use-paged-list';
import './states.css';

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="state state--loading" aria-busy="true">
      <View className="state__spinner" />
      <Text className="state__text">{text}</Text>
    </View>
  );
}

/** Grey blocks the shape of the rows to come, so the page does not jump when they arrive. */
export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <View className="skeleton" aria-busy="true" aria-label="正在加载">
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className="skeleton__card">
          <View className="skeleton__line skeleton__line--title" />
          <View className="skeleton__line" />
          <View className="skeleton__line skeleton__line--short" />
        </View>
      ))}
    </View>
  );
}

export interface EmptyAction {
  label: string;
  onClick: () => void;
}

/** Nothing here yet, and where to go instead when there is somewhere. */
export function Empty({
  text = '这里还没有内容',
  hint,
  action,
}: {
  text?: string;
  hint?: string;
  action?: EmptyAction;
}) {
  return (
    <View className="state state--empty">
      <View className="state__glyph" aria-hidden="true">
        空
      </View>
      <Text className="state__text">{text}</Text>
      {hint ? <Text className="state__hint">{hint}</Text> : null}
      {action ? (
        <Button kind="secondary" onClick={action.onClick}>
          {action.label}
        </Button>
      ) : null}
    </View>
  );
}

/** A failure with a retry; a failure that is "not signed in" offers the sign-in instead, since
 * retrying cannot help until then. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (needsSignIn(error)) return <SignInPrompt onSignedIn={onRetry} />;
  return (
    <View className="state state--error" role="alert">
      <View className="state__glyph state__glyph--error" aria-hidden="true">
        !
      </View>
      <Text className="state__text">{messageOf(error)}</Text>
      {onRetry ? (
        <Button kind="secondary" onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}

export interface ListStateProps {
  loading: boolean;
  error?: unknown;
  empty: boolean;
  emptyText?: string;
  emptyHint?: string;
  emptyAction?: EmptyAction;
  onRetry?: () => void;
  /** Shown instead of the skeleton while loading. */
  placeholder?: ReactNode;
}

/** Picks loading / error / empty / the list itself, in that order, for every list page. */
export function ListState({
  loading,
  error,
  empty,
  emptyText,
  emptyHint,
  emptyAction,
  onRetry,
  placeholder,
  children,
}: PropsWithChildren<ListStateProps>) {
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (loading) return <>{placeholder ?? <Skeleton />}</>;
  if (empty) return <Empty text={emptyText} hint={emptyHint} action={emptyAction} />;
  return <>{children}</>;
}

/** Under a paged list: why the last page failed, and 加载更多 while there is more. */
export function LoadMore<T>({ list }: { list: PagedList<T> }) {
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
