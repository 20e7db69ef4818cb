import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NotificationKind } from '@warmcity/shared/api/notifications';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { Button, useAction } from '../kit';

type Answer = 'accept' | 'reject' | 'ban' | 'filter';
const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];
const api = routes.notifications;

/**
 * Asks the platform for permission to push these kinds. WeChat and Alipay only allow the
 * request inside a tap, so this is a button shown at the moment it matters (just booked, just
 * joined a waitlist, just subscribed); each accepted template grants one push, which the BFF records.
 */
export function SubscribePrompt({
  kinds,
  text = '开启消息提醒',
}: {
  kinds: readonly NotificationKind[];
  text?: string;
}) {
  const [state, setState] = useState<'idle' | 'done' | 'unavailable'>('idle');
  const ask = useAction(async () => {
    try {
      const settings = await call(api.getSettings);
      const tmplIds = settings.kinds
        .filter((k) => kinds.includes(k.kind) && k.enabled && k.templateId)
        .map((k) => k.templateId!);
      if (tmplIds.length === 0 || !Taro.requestSubscribeMessage) return setState('unavailable');
      const result = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as never)) as unknown as Record<
        string,
        string
      >;
      const answers = tmplIds.map((templateId) => ({
        templateId,
        answer: (ANSWERS.includes(result[templateId] ?? '') ? result[templateId] : 'reject') as Answer,
      }));
      await call(api.recordSubscribeAnswers, { body: { answers } });
      setState('done');
    } catch {
      // Refused by the platform or offline: the inbox still gets every message.
      setState('unavailable');
    }
  });

  if (state === 'done') return <Text className="push-prompt__done">已开启提醒，届时会通知您</Text>;
  if (state === 'unavailable') return <Text className="push-prompt__done">消息会发到“我的 → 消息”</Text>;
  return (
    <View className="push-prompt">
      <Button kind="secondary" id="push-subscribe" loading={ask.busy} onClick={() => void ask.run()}>
        {text}
      </Button>
    </View>
  );
}
