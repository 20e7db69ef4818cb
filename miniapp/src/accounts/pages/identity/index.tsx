import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, Notice, PageFrame, SignInPrompt, TextRow, toast, useAction } from '../../../kit';
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
  const submit = useAction(async () => {
    await call(routes.accounts.bindIdentity, { body: { name: name.trim(), idNumber: idNumber.trim() } });
    // The number is not kept on the phone once it has been sent.
    setIdNumber('');
    await reloadAccount();
    toast('认证成功', 'success');
  });

  return (
    <PageFrame title="实名认证" className="accounts">
      {session.status === 'signed-out' ? <SignInPrompt text="登录后再实名认证" /> : null}
      {bound ? (
        <View className="kit-card" id="bound-identity">
          <Text className="card__title">已认证</Text>
          <Text className="card__line">姓名：{bound.maskedName}</Text>
          <Text className="card__line">身份证：{bound.maskedIdNumber}</Text>
        </View>
      ) : null}
      {session.status === 'signed-in' ? (
        <View className="kit-card">
          <Text className="card__title">{bound ? '更换认证身份' : '绑定参保人身份'}</Text>
          <Text className="card__hint">用于查询本人医保信息。身份证号加密保存，页面只显示部分号码。</Text>
          <TextRow id="identity-name" label="姓名" value={name} maxlength={30} onChange={setName} />
          <TextRow
            id="identity-number"
            label="身份证号"
            type="idcard"
            maxlength={18}
            placeholder="18 位身份证号"
            value={idNumber}
            onChange={setIdNumber}
          />
          {submit.error ? (
            <Notice ok={false} id="identity-error">
              {submit.error}
            </Notice>
          ) : null}
          <Button
            id="identity-submit"
            loading={submit.busy}
            disabled={!looksComplete(name, idNumber)}
            onClick={() => void submit.run()}
          >
            提交认证
          </Button>
        </View>
      ) : null}
    </PageFrame>
  );
}
