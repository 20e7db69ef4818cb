import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { OperationResponse, api } from '@warmcity/shared';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { Button } from '../kit/Button';
import { messageOf } from '../kit/errors';
import { useLoad } from '../kit/use-load';
import { signIn } from './session';
import './DevAccountPicker.css';

type DevAccount = OperationResponse<typeof api.accounts.devAccounts>['items'][number];

// A fresh handle per browser, so "体验账号" is a new resident rather than someone else's demo.
const newVisitorCode = () => `h5-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** The H5 build's sign-in: the demo has no WeChat or Alipay, so pick a demo account (the BFF's
 * dev provider, refused in production). */
export function DevAccountPicker() {
  const accounts = useLoad(() => call(routes.accounts.devAccounts), 'dev-accounts');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const choose = (code: string) => {
    setBusy(code);
    setError(null);
    signIn('dev', code)
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(null));
  };

  return (
    <View className="kit-card dev-picker">
      <Text className="dev-picker__title">选择体验账号登录</Text>
      {accounts.error ? (
        <View role="alert">
          <Text className="dev-picker__error">{messageOf(accounts.error)}</Text>
          <Button kind="secondary" onClick={accounts.reload}>
            重试
          </Button>
        </View>
      ) : null}
      {accounts.loading && !accounts.data ? <Text className="dev-picker__hint">正在加载…</Text> : null}
      {(accounts.data?.items ?? []).map((account: DevAccount) => (
        <Button
          key={account.code}
          loading={busy === account.code}
          disabled={busy !== null}
          onClick={() => choose(account.code)}
        >
          {account.label}
        </Button>
      ))}
      <Button kind="secondary" disabled={busy !== null} onClick={() => choose(newVisitorCode())}>
        新建体验账号
      </Button>
      {error ? <Text className="dev-picker__error">{error}</Text> : null}
    </View>
  );
}
