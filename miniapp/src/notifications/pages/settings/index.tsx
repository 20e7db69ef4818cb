import { Text, View } from '@tarojs/components';
import type { NotificationSettings } from '@warmcity/shared/api/notifications';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { ListState, Notice, PageFrame, Toggle, useAction, useLoad } from '../../../kit';
import '../../notifications.css';

const api = routes.notifications;
const platformNames = { wechat: '微信服务通知', alipay: '支付宝消息', none: '仅站内消息' } as const;
type Kind = NotificationSettings['kinds'][number];

function pushText(k: Kind): string {
  if (!k.templateId) return '仅站内消息';
  if (k.remaining === 0) return '未订阅（预约时可开启）';
  return k.longTerm ? '已长期订阅' : `已订阅，可提醒 ${k.remaining} 次`;
}

/** 消息设置: which kinds are pushed, and how many pushes the platform subscriptions still allow. */
export default function Settings() {
  const settings = useLoad(() => call(api.getSettings), 'notification-settings');
  const toggle = useAction(async (kind: Kind['kind'], on: boolean) => {
    const kinds = settings.data?.kinds ?? [];
    const disabledKinds = kinds.filter((k) => (k.kind === kind ? !on : !k.enabled)).map((k) => k.kind);
    await call(api.updateSettings, { body: { disabledKinds } });
    settings.reload();
  });
  const s = settings.data;

  return (
    <PageFrame title="消息设置" className="notifications">
      <ListState loading={!s} error={settings.error} empty={false} onRetry={settings.reload}>
        {s ? (
          <>
            <Text className="nt-hint">推送渠道：{platformNames[s.platform]}。关闭后仍会出现在“消息”里。</Text>
            <View className="kit-group">
              {s.kinds.map((k) => (
                <Toggle
                  key={k.kind}
                  id={`nt-kind-${k.kind}`}
                  label={k.label}
                  desc={pushText(k)}
                  on={k.enabled}
                  onChange={(on) => void toggle.run(k.kind, on)}
                />
              ))}
            </View>
            {toggle.error ? <Notice ok={false}>{toggle.error}</Notice> : null}
          </>
        ) : null}
      </ListState>
    </PageFrame>
  );
}
