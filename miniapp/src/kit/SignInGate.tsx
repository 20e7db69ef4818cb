import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { DevAccountPicker } from '../session/DevAccountPicker';
import { signInWithPlatform } from '../session/session';
import { sessionStore } from '../session/store';
import { useSession } from '../session/useSession';
import { Button } from './Button';
import { messageOf } from './errors';

/** How this build signs in: the platform's one tap in a mini-program, the demo accounts on H5. */
function SignInChoices() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (process.env.TARO_ENV === 'h5') return <DevAccountPicker />;
  const go = () => {
    setBusy(true);
    setError(null);
    signInWithPlatform()
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  };
  return (
    <View>
      <Button id="kit-sign-in" loading={busy} onClick={go}>
        {process.env.TARO_ENV === 'alipay' ? '支付宝一键登录' : '微信一键登录'}
      </Button>
      {error ? <Text className="kit-gate__error">{error}</Text> : null}
    </View>
  );
}

/** Calls `onSignedIn` once when the session turns signed in after mounting. */
function useWhenSignedIn(onSignedIn: (() => void) | undefined) {
  const session = useSession();
  const latest = useRef(onSignedIn);
  latest.current = onSignedIn;
  const was = useRef(session.status);
  useEffect(() => {
    if (session.status === 'signed-in' && was.current !== 'signed-in') latest.current?.();
    was.current = session.status;
  }, [session.status]);
}

/** In place of content that needs an account (我的预约): the prompt, then the content reloads. */
export function SignInPrompt({ text = '登录后查看', onSignedIn }: { text?: string; onSignedIn?: () => void }) {
  useWhenSignedIn(onSignedIn);
  return (
    <View className="kit-gate kit-gate--inline" id="kit-sign-in-prompt">
      <Text className="kit-gate__title">{text}</Text>
      <SignInChoices />
    </View>
  );
}

function SignInSheet({ onClose }: { onClose: () => void }) {
  return (
    <View className="kit-gate__mask">
      <View className="kit-gate kit-gate--sheet" role="dialog" aria-modal="true" aria-label="登录后继续">
        <Text className="kit-gate__title">登录后继续</Text>
        <Text className="kit-gate__hint">登录后会接着完成您刚才的操作。</Text>
        <SignInChoices />
        <Button kind="plain" id="kit-sign-in-cancel" onClick={onClose}>
          暂不登录
        </Button>
      </View>
    </View>
  );
}

export interface SignInGate {
  /** Runs `action` now when signed in; otherwise asks to sign in first and then runs it. */
  guard: (action: () => void) => void;
  /** The action was refused for want of a session (an expired one): ask, then run it again. */
  ask: (action: () => void) => void;
  /** Render this once in the page. */
  sheet: ReactNode;
}

/**
 * The one sign-in prompt: the page stays where it is, the sheet signs in, and the action the
 * person tapped (预约座位, 加入候补, 订阅) runs as soon as the session is there.
 */
export function useSignInGate(): SignInGate {
  const [open, setOpen] = useState(false);
  const pending = useRef<(() => void) | null>(null);
  useWhenSignedIn(() => {
    const next = pending.current;
    pending.current = null;
    setOpen(false);
    next?.();
  });
  const ask = useCallback((action: () => void) => {
    pending.current = action;
    setOpen(true);
  }, []);
  const guard = useCallback(
    (action: () => void) => (sessionStore.get().status === 'signed-out' ? ask(action) : action()),
    [ask],
  );
  const close = () => {
    pending.current = null;
    setOpen(false);
  };
  return { guard, ask, sheet: open ? <SignInSheet onClose={close} /> : null };
}
