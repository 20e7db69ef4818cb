import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { OperationResponse, api } from '@warmcity/shared';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { ErrorState, Loading } from '../components/states';
import { signIn } from './session';
import './DevAccountPicker.css';

type DevAccount = OperationResponse<typeof api.accounts.devAccounts>['items'][number];

// A fresh handle per browser, so "体验账号" is a new resident rather than someone else's demo.
const newVisitorCode = () => `h5-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** The H5 build's sign-in: the demo has no WeChat or Alipay, so pick a demo account (the BFF's
 * dev provider, refused in production). */
export function DevAccountPicker() {
  const [accounts, setAccounts] = useState<DevAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = () => {
    setError(null);
    call(routes.accounts.devAccounts)
      .then((answer) => setAccounts(answer.items))
      .catch((e: Error) => setError(e.message));
  };
  useEffect(load, []);

  const choose = (code: string) => {
    setBusy(code);
    signIn('dev', code)
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(null));
  };

  return (
    <View className="dev-picker">
      <Text className="dev-picker__title">选择体验账号登录</Text>
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!accounts && !error ? <Loading /> : null}
      {(accounts ?? []).map((account) => (
        <Button
          key={account.code}
          className="dev-picker__item"
          loading={busy === account.code}
          disabled={busy !== null}
          onClick={() => choose(account.code)}
        >
          {account.label}
        </Button>
      ))}
      <Button
        className="dev-picker__item dev-picker__item--plain"
        disabled={busy !== null}
        onClick={() => choose(newVisitorCode())}
      >
        新建体验账号
      </Button>
    </View>
  );
}
