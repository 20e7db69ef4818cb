import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Switch, Text, View } from '@tarojs/components';
import type { NotificationSettings } from '@warmcity/shared/api/notifications';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/states';
import '../../notifications.css';

const api = routes.notifications;
const platformNames = { wechat: '微信服务通知', alipay: '支付宝消息', none: '仅站内消息' } as const;

/** 消息设置: which kinds are pushed, and how many pushes the platform subscriptions still allow. */
export default function Settings() {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const load = () =>
    call(api.getSettings).then(
      (s) => setSettings(s),
      (e: Error) => setError(e),
    );
  useEffect(() => void load(), []);

  const toggle = async (kind: NotificationSettings['kinds'][number]['kind'], on: boolean) => {
    if (!settings) return;
    const disabledKinds = settings.kinds.filter((k) => (k.kind === kind ? !on : !k.enabled)).map((k) => k.kind);
    try {
      setSettings(await call(api.updateSettings, { body: { disabledKinds } }));
    } catch (e) {
      await Taro.showToast({ title: (e as Error).message, icon: 'none' });
    }
  };

  if (error) return <ErrorState message={error.message} onRetry={() => void load()} />;
  if (!settings) return <Loading />;
  return (
    <PageShell className="notifications">
      <Text className="nt-hint">推送渠道：{platformNames[settings.platform]}。关闭后仍会出现在“消息”里。</Text>
      <View className="group">
        {settings.kinds.map((k) => (
          <View key={k.kind} className="row">
            <View className="row__text">
              <Text className="row__title">{k.label}</Text>
              <Text className="row__desc">
                {k.templateId
                  ? k.remaining > 0
                    ? `已订阅，可提醒 ${k.remaining} 次`
                    : '未订阅（预约时可开启）'
                  : '仅站内消息'}
              </Text>
            </View>
            <Switch
              className="row__switch"
              id={`nt-kind-${k.kind}`}
              checked={k.enabled}
              color="#D9622B"
              onChange={(e) => void toggle(k.kind, Boolean(e.detail.value))}
            />
          </View>
        ))}
      </View>
    </PageShell>
  );
}
