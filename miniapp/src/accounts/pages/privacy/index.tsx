import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { OperationResponse, api } from '@warmcity/shared';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { PageShell } from '../../../components/PageShell';
import { ListState } from '../../../components/states';
import { roleNames } from '../../../session/roles';
import { forgetSession } from '../../../session/session';
import { actionNames, saveExport } from '../../privacy';
import '../../accounts.css';

type MyData = OperationResponse<typeof api.accounts.myData>;

const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export default function Privacy() {
  const [data, setData] = useState<MyData | null>(null);
  const [error, setError] = useState<{ message: string } | null>(null);
  const [busy, setBusy] = useState<'export' | 'delete' | null>(null);

  const load = () => {
    setError(null);
    call(routes.accounts.myData)
      .then(setData)
      .catch((e: Error) => setError(e));
  };
  useEffect(load, []);

  const exportData = async () => {
    setBusy('export');
    try {
      await saveExport(JSON.stringify(await call(routes.accounts.exportMyData), null, 2));
    } catch (e) {
      await Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  const deleteAccount = async () => {
    const { confirm } = await Taro.showModal({
      title: '注销账号',
      content: '注销后，进行中的预约将被取消，实名信息将被清除，且无法恢复。确定注销吗？',
      confirmText: '确定注销',
      confirmColor: '#c0392b',
    });
    if (!confirm) return;
    setBusy('delete');
    try {
      await call(routes.accounts.deleteMe);
      forgetSession();
      await Taro.switchTab({ url: '/pages/mine/index' });
    } catch (e) {
      await Taro.showToast({ title: (e as Error).message, icon: 'none' });
      setBusy(null);
    }
  };

  return (
    <PageShell className="accounts">
      <ListState loading={!data} error={error} empty={false} onRetry={load}>
        {data ? (
          <>
            <View className="card" id="privacy-account">
              <Text className="card__title">我们保存的信息</Text>
              <Text className="card__line">账号：{data.account.id}</Text>
              <Text className="card__line">身份：{data.account.roles.map((role) => roleNames[role]).join('、')}</Text>
              <Text className="card__line">
                实名：
                {data.account.identity
                  ? `${data.account.identity.maskedName} ${data.account.identity.maskedIdNumber}`
                  : '未认证'}
              </Text>
              <Text className="card__line">注册时间：{day(data.account.createdAt)}</Text>
              <Text className="card__line">登录设备：{data.sessions.length} 个</Text>
            </View>
            <View className="card">
              <Text className="card__title">谁查看或修改过我的敏感信息</Text>
              {data.auditTrail.length === 0 ? <Text className="card__hint">暂无记录</Text> : null}
              {data.auditTrail.map((entry) => (
                <Text key={`${entry.at}-${entry.action}`} className="card__line">
                  {day(entry.at)} {entry.byMe ? '本人' : '工作人员'} {actionNames[entry.action] ?? entry.action}
                </Text>
              ))}
            </View>
          </>
        ) : null}
      </ListState>
      <Button
        className="primary"
        id="privacy-export"
        loading={busy === 'export'}
        disabled={busy !== null}
        onClick={() => void exportData()}
      >
        导出我的数据
      </Button>
      <Button
        className="danger"
        id="privacy-delete"
        loading={busy === 'delete'}
        disabled={busy !== null}
        onClick={() => void deleteAccount()}
      >
        注销账号
      </Button>
    </PageShell>
  );
}
