import Taro from '@tarojs/taro';
import { Button, Switch, Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { Loading } from '../../components/states';
import { useElderMode } from '../../elder/useElderMode';
import { useUnreadBadge } from '../../push/badge';
import { DevAccountPicker } from '../../session/DevAccountPicker';
import { isStaff, roleNames } from '../../session/roles';
import { signOut } from '../../session/session';
import { useSession } from '../../session/useSession';
import './index.css';

const open = (url: string) => () => void Taro.navigateTo({ url });

export default function Mine() {
  const [elder, setElder] = useElderMode();
  const session = useSession();
  const account = session.status === 'signed-in' ? session.account : null;
  useUnreadBadge(account !== null);

  return (
    <PageShell className="mine">
      <View className="account">
        <View className="account__avatar">暖</View>
        <View className="account__text">
          <Text className="account__name">{account?.identity?.maskedName ?? (account ? '居民朋友' : '未登录')}</Text>
          <Text className="account__hint">
            {account
              ? account.roles.map((role) => roleNames[role]).join(' · ')
              : session.status === 'starting'
                ? '正在登录…'
                : '登录后可查看预约与医保信息'}
          </Text>
        </View>
      </View>

      {session.status === 'starting' ? <Loading text="正在登录…" /> : null}
      {session.status === 'signed-out' && session.error ? <Text className="mine__error">{session.error}</Text> : null}
      {session.status === 'signed-out' && process.env.TARO_ENV === 'h5' ? <DevAccountPicker /> : null}

      {account ? (
        <View className="group">
          <View className="row" id="identity-row" onClick={open('/accounts/pages/identity/index')}>
            <View className="row__text">
              <Text className="row__title">实名认证</Text>
              <Text className="row__desc">
                {account.identity ? account.identity.maskedIdNumber : '绑定身份后可查询医保信息'}
              </Text>
            </View>
            <Text className="row__value">{account.identity ? '已认证' : '去认证 ›'}</Text>
          </View>
          <View className="row" id="inbox-row" onClick={open('/notifications/pages/inbox/index')}>
            <Text className="row__title">消息</Text>
            <Text className="row__value">›</Text>
          </View>
          <View className="row" id="notification-settings-row" onClick={open('/notifications/pages/settings/index')}>
            <Text className="row__title">消息设置</Text>
            <Text className="row__value">›</Text>
          </View>
          <View className="row" id="privacy-row" onClick={open('/accounts/pages/privacy/index')}>
            <Text className="row__title">隐私与个人数据</Text>
            <Text className="row__value">查看 · 导出 · 注销 ›</Text>
          </View>
          {isStaff(account) ? (
            <View className="row" id="workbench-row" onClick={open('/accounts/pages/workbench/index')}>
              <Text className="row__title">工作台</Text>
              <Text className="row__value">›</Text>
            </View>
          ) : null}
        </View>
      ) : null}

      <View className="group">
        <View className="row">
          <View className="row__text">
            <Text className="row__title">大字模式</Text>
            <Text className="row__desc">放大全部页面文字，看得更清楚</Text>
          </View>
          <Switch
            className="row__switch"
            id="elder-switch"
            checked={elder}
            color="#D9622B"
            onChange={(e) => setElder(Boolean(e.detail.value))}
          />
        </View>
      </View>

      <View className="group">
        <View className="row">
          <Text className="row__title">关于暖城服务</Text>
          <Text className="row__value">v0.1.0</Text>
        </View>
      </View>

      {account ? (
        <Button className="mine__sign-out" onClick={() => void signOut()}>
          退出登录
        </Button>
      ) : null}
    </PageShell>
  );
}
