import type { PropsWithChildren, ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import './states.css';

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="state state--loading" aria-busy="true">
      <View className="state__spinner" />
      <Text className="state__text">{text}</Text>
    </View>
  );
}

export function Empty({ text = '这里还没有内容', hint }: { text?: string; hint?: string }) {
  return (
    <View className="state state--empty">
      <View className="state__glyph">空</View>
      <Text className="state__text">{text}</Text>
      {hint ? <Text className="state__hint">{hint}</Text> : null}
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="state state--error" role="alert">
      <View className="state__glyph state__glyph--error">!</View>
      <Text className="state__text">{message}</Text>
      {onRetry ? (
        <Button className="state__retry" onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}

export interface ListStateProps {
  loading: boolean;
  error?: { message: string } | null;
  empty: boolean;
  emptyText?: string;
  emptyHint?: string;
  onRetry?: () => void;
  /** Shown instead of the spinner while loading, e.g. skeleton rows. */
  placeholder?: ReactNode;
}

/** Picks loading / error / empty / the list itself, in that order, for every list page. */
export function ListState({
  loading,
  error,
  empty,
  emptyText,
  emptyHint,
  onRetry,
  placeholder,
  children,
}: PropsWithChildren<ListStateProps>) {
  if (error) return <ErrorState message={error.message} onRetry={onRetry} />;
  if (loading) return <>{placeholder ?? <Loading />}</>;
  if (empty) return <Empty text={emptyText} hint={emptyHint} />;
  return <>{children}</>;
}
