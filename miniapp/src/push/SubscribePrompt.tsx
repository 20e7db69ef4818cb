import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NotificationKind } from '@warmcity/shared/api/notifications';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { Button, useLoad } from '../kit';
import { subscribeAnswers, subscribeRequest } from './subscribe';
import './push.css';

const api = routes.notifications;

/**
 * Asks the platform for permission to push these kinds (most important first). WeChat and Alipay
 * open their subscribe sheet only from a tap, so this is a button shown at the moment it matters
 * (just booked, just joined a waitlist, just subscribed); each accepted one-time template grants
 * one push, which the BFF records. The templates are loaded before the tap: WeChat refuses the
 * sheet ("can only be invoked by user TAP gesture") once the handler has awaited anything.
 */
export function SubscribePrompt({
  kinds,
  text = '开启消息提醒',
}: {
  kinds: readonly NotificationKind[];
  text?: string;
}) {
  const settings = useLoad(() => call(api.getSettings), 'push-settings');
  const [state, setState] = useState<'idle' | 'asking' | 'done' | 'unavailable'>('idle');
  const ids = settings.data ? subscribeRequest(settings.data, kinds) : [];

  const ask = () => {
    setState('asking');
    // The very first thing the tap does: nothing awaited before it.
    Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: ids })
      .then((result) =>
        call(api.recordSubscribeAnswers, {
          body: { answers: subscribeAnswers(ids, result as unknown as Record<string, unknown>) },
        }),
      )
      // Refused by the platform or offline: the inbox still gets every message.
      .then(
        () => setState('done'),
        () => setState('unavailable'),
      );
  };

  if (!settings.data && !settings.error) return null;
  if (state === 'done')
    return (
      <Text className="push-prompt__done" id="push-subscribe-done">
        已开启提醒，届时会通知您
      </Text>
    );
  // Nothing to ask for (inbox-only kinds, a dev sign-in, H5), or the platform said no.
  if (ids.length === 0 || state === 'unavailable' || typeof Taro.requestSubscribeMessage !== 'function')
    return (
      <Text className="push-prompt__done" id="push-subscribe-inbox">
        消息会发到“我的 → 消息”
      </Text>
    );
  return (
    <View className="push-prompt">
      <Button kind="secondary" id="push-subscribe" loading={state === 'asking'} onClick={ask}>
        {text}
      </Button>
    </View>
  );
}
