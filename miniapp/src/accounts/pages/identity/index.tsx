import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { PageShell } from '../../../components/PageShell';
import { reloadAccount } from '../../../session/session';
import { useSession } from '../../../session/useSession';
import '../../accounts.css';

// The BFF checks the number (format, birth date, GB 11643 check digit) and answers in Chinese;
// the page only stops an obviously incomplete form from being sent.
const looksComplete = (name: string, idNumber: string) =>
  name.trim().length > 0 && /^\d{17}[\dXx]$/.test(idNumber.trim());

export default function Identity() {
  const session = useSession();
  const bound = session.status === 'signed-in' ? session.account.identity : null;
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(routes.accounts.bindIdentity, { body: { name: name.trim(), idNumber: idNumber.trim() } });
      // The number is not kept on the phone once it has been sent.
      setIdNumber('');
      await reloadAccount();
      await Taro.showToast({ title: '认证成功', icon: 'success' });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell className="accounts">
      {bound ? (
        <View className="card" id="bound-identity">
          <Text className="card__title">已认证</Text>
          <Text className="card__line">姓名：{bound.maskedName}</Text>
          <Text className="card__line">身份证：{bound.maskedIdNumber}</Text>
        </View>
      ) : null}
      <View className="card">
        <Text className="card__title">{bound ? '更换认证身份' : '绑定参保人身份'}</Text>
        <Text className="card__hint">用于查询本人医保信息。身份证号加密保存，页面只显示部分号码。</Text>
        <Input
          className="field"
          id="identity-name"
          placeholder="姓名"
          value={name}
          onInput={(e) => setName(e.detail.value)}
        />
        <Input
          className="field"
          id="identity-number"
          type="idcard"
          maxlength={18}
          placeholder="18 位身份证号"
          value={idNumber}
          onInput={(e) => setIdNumber(e.detail.value)}
        />
        {error ? (
          <Text className="card__error" id="identity-error">
            {error}
          </Text>
        ) : null}
        <Button
          className="primary"
          id="identity-submit"
          loading={busy}
          disabled={busy || !looksComplete(name, idNumber)}
          onClick={() => void submit()}
        >
          提交认证
        </Button>
      </View>
    </PageShell>
  );
}
