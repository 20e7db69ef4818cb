import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Text, View } from '@tarojs/components';
import { Button, ListState, Notice, PageFrame, confirm, useAction, useLoad } from '../../../kit';
import { dateTime } from '../../../kit/time';
import { roleLine } from '../../../session/roles';
import { forgetSession } from '../../../session/session';
import Taro from '@tarojs/taro';
import { actionNames, saveExport } from '../../privacy';
import '../../accounts.css';

export default function Privacy() {
  const data = useLoad(() => call(routes.accounts.myData), 'my-data');
  const exportData = useAction(async () => {
    await saveExport(JSON.stringify(await call(routes.accounts.exportMyData), null, 2));
  });
  const deleteAccount = useAction(async () => {
    const yes = await confirm({
      title: '注销账号',
      content: '注销后，进行中的预约将被取消，实名信息将被清除，且无法恢复。确定注销吗？',
      confirmText: '确定注销',
      danger: true,
    });
    if (!yes) return;
    await call(routes.accounts.deleteMe);
    forgetSession();
    await Taro.switchTab({ url: '/pages/mine/index' });
  });
  const mine = data.data;

  return (
    <PageFrame title="隐私与个人数据" className="accounts">
      <ListState loading={!mine} error={data.error} empty={false} onRetry={data.reload}>
        {mine ? (
          <>
            <View className="kit-card" id="privacy-account">
              <Text className="card__title">我们保存的信息</Text>
              <Text className="card__line">身份：{roleLine(mine.account)}</Text>
              <Text className="card__line">
                实名：
                {mine.account.identity
                  ? `${mine.account.identity.maskedName} ${mine.account.identity.maskedIdNumber}`
                  : '未认证'}
              </Text>
              <Text className="card__line">注册时间：{dateTime(mine.account.createdAt)}（北京时间）</Text>
              <Text className="card__line">登录设备：{mine.sessions.length} 个</Text>
            </View>
            <View className="kit-card">
              <Text className="card__title">谁查看或修改过我的敏感信息</Text>
              {mine.auditTrail.length === 0 ? <Text className="card__hint">暂无记录</Text> : null}
              {mine.auditTrail.map((entry) => (
                <Text key={`${entry.at}-${entry.action}`} className="card__line">
                  {dateTime(entry.at)} {entry.byMe ? '本人' : '工作人员'} {actionNames[entry.action] ?? '其他操作'}
                </Text>
              ))}
            </View>
            <Button
              id="privacy-export"
              loading={exportData.busy}
              disabled={deleteAccount.busy}
              onClick={() => void exportData.run()}
            >
              导出我的数据
            </Button>
            <Button
              kind="danger"
              id="privacy-delete"
              loading={deleteAccount.busy}
              disabled={exportData.busy}
              onClick={() => void deleteAccount.run()}
            >
              注销账号
            </Button>
            {exportData.error || deleteAccount.error ? (
              <Notice ok={false}>{exportData.error ?? deleteAccount.error}</Notice>
            ) : null}
          </>
        ) : null}
      </ListState>
    </PageFrame>
  );
}
