import { Component, type ErrorInfo, type PropsWithChildren, type ReactNode } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useElderMode } from '../elder/useElderMode';
import { Button, focusable } from './Button';
import './PageFrame.css';

const HOME = '/pages/index/index';
export const goHome = () => void Taro.switchTab({ url: HOME }).catch(() => Taro.reLaunch({ url: HOME }));

/** Back when there is a page to go back to; otherwise (a deep link, a shared URL) home. */
function NavBar({ title }: { title: string }) {
  const canGoBack = Taro.getCurrentPages().length > 1;
  return (
    <View className="kit-nav" role="navigation">
      <View
        className="kit-nav__action"
        role="button"
        {...focusable}
        aria-label={canGoBack ? '返回' : '回到首页'}
        onClick={() => (canGoBack ? void Taro.navigateBack() : goHome())}
      >
        {canGoBack ? '‹ 返回' : '首页'}
      </View>
      <View className="kit-nav__title" role="heading" aria-level={1}>
        {title}
      </View>
      <View className="kit-nav__spacer" />
    </View>
  );
}

/** What a page shows instead of itself when it cannot be shown: a reason and a way on. */
export function Dead({ title, text, onRetry }: { title: string; text: string; onRetry?: () => void }) {
  return (
    <View className="kit-dead">
      <View className="kit-dead__glyph" aria-hidden="true">
        ?
      </View>
      <Text className="kit-dead__title">{title}</Text>
      <Text className="kit-dead__text">{text}</Text>
      {onRetry ? (
        <Button kind="secondary" onClick={onRetry}>
          重新加载
        </Button>
      ) : null}
      <Button id="kit-go-home" onClick={goHome}>
        回到首页
      </Button>
    </View>
  );
}

export const NotFound = () => <Dead title="页面不存在" text="链接可能已过期或不完整，请回到首页重新进入。" />;

class ErrorBoundary extends Component<PropsWithChildren, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // The console is what the mini-program's real-time log and the browser both collect.
    console.error('[warmcity] page render failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.failed)
      return (
        <Dead
          title="页面出了点问题"
          text="我们已记录这个问题。可以重新加载，或回到首页。"
          onRetry={() => this.setState({ failed: false })}
        />
      );
    return this.props.children;
  }
}

/**
 * Root of every page: large-text mode (`page--elder` enlarges the `--fs-*` variables; mini-program
 * pages share no <html> to put a class on), on H5 a navigation bar (mini-programs show their
 * own, titled by the page config), and an error boundary so a page never renders blank.
 */
export function PageFrame({
  title,
  tab,
  className,
  children,
}: PropsWithChildren<{ title: string; tab?: boolean; className?: string }>) {
  const [elder] = useElderMode();
  const classes = ['page', elder ? 'page--elder' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={classes}>
      {process.env.TARO_ENV === 'h5' && !tab ? <NavBar title={title} /> : null}
      <View className="page__body" role="main">
        <ErrorBoundary>{children}</ErrorBoundary>
      </View>
    </View>
  );
}

/** A page that cannot work without a URL parameter (a deep link cut short): without it, the
 * not-found page instead of a blank one. */
export function WithParam({
  name,
  title,
  children,
}: {
  name: string;
  title: string;
  children: (value: string) => ReactNode;
}) {
  const value = useRouter().params[name];
  if (!value)
    return (
      <PageFrame title={title}>
        <NotFound />
      </PageFrame>
    );
  return <>{children(value)}</>;
}
