import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useElderMode } from '../../elder/useElderMode';
import { Button, LinkRow, Loading, PageFrame, Toggle } from '../../kit';
import { unreadText, useUnreadBadge } from '../../push/badge';
import { DevAccountPicker } from '../../session/DevAccountPicker';
import { displayName, isStaff, roleLine } from '../../session/roles';
import { signOut, startSession } from '../../session/session';
import { useSession } from '../../session/useSession';
import './index.css';

const open = (url: string) => () => void Taro.navigateTo({ url });

export default function Mine() {
  const [elder, setElder] = useElderMode();
  const session = useSession();
  const account = session.status === 'signed-in' ? session.account : null;
  const hint = {
    starting: '正在登录…',
    unreachable: '暂时连不上服务，您的登录仍然有效',
    'signed-out': '登录后可查看预约与医保信息',
    'signed-in': account ? roleLine(account) : '',
  }[session.status];
  const unread = useUnreadBadge(account !== null);

  return (
    <PageFrame title="我的" tab className="mine">
      <View className="account">
        <View className="account__avatar" aria-hidden="true">
          暖
        </View>
        <View className="account__text">
          <Text className="account__name">
            {account ? displayName(account) : session.status === 'unreachable' ? '已登录' : '未登录'}
          </Text>
          <Text className="account__hint">{hint}</Text>
        </View>
      </View>

      {session.status === 'starting' ? <Loading text="正在登录…" /> : null}
      {session.status === 'unreachable' ? (
        <Button kind="secondary" id="mine-retry" onClick={() => void startSession()}>
          重新连接
        </Button>
      ) : null}
      {session.status === 'signed-out' && session.error ? <Text className="mine__error">{session.error}</Text> : null}
      {session.status === 'signed-out' && process.env.TARO_ENV === 'h5' ? <DevAccountPicker /> : null}

      {account ? (
        <View className="kit-group">
          <LinkRow
            id="identity-row"
            title="实名认证"
            desc={account.identity ? account.identity.maskedIdNumber : '绑定身份后可查询医保信息'}
            value={account.identity ? '已认证' : '去认证'}
            onClick={open('/accounts/pages/identity/index')}
          />
          <LinkRow
            id="orders-row"
            title="我的订单"
            value="付款 · 退款"
            onClick={open('/payments/pages/orders/index')}
          />
          <LinkRow
            id="inbox-row"
            title="消息"
            value={unread > 0 ? `${unreadText(unread)} 条未读` : undefined}
            onClick={open('/notifications/pages/inbox/index')}
          />
          <LinkRow
            id="notification-settings-row"
            title="消息设置"
            onClick={open('/notifications/pages/settings/index')}
          />
          <LinkRow
            id="privacy-row"
            title="隐私与个人数据"
            value="查看 · 导出 · 注销"
            onClick={open('/accounts/pages/privacy/index')}
          />
          {isStaff(account) ? (
            <LinkRow id="workbench-row" title="工作台" onClick={open('/accounts/pages/workbench/index')} />
          ) : null}
        </View>
      ) : null}

      <View className="kit-group">
        <Toggle id="elder-switch" label="大字模式" desc="放大全部页面文字，看得更清楚" on={elder} onChange={setElder} />
      </View>

      <View className="kit-group">
        <View className="row">
          <Text className="row__title">关于暖城服务</Text>
          <Text className="row__value">v0.1.0</Text>
        </View>
      </View>

      {account ? (
        <Button kind="secondary" id="mine-sign-out" onClick={() => void signOut()}>
          退出登录
        </Button>
      ) : null}
    </PageFrame>
  );
}
