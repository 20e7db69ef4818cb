import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { OperationResponse, api } from '@warmcity/shared';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { Button, Notice, useAction } from '../kit';
import { CodeEntry } from './CodeEntry';
import { portStatusText } from './labels';
import { SiteFacts } from './SiteCard';

type Lookup = OperationResponse<typeof api.charging.lookupPort>;

/**
 * Scan or type a port's code, then start. A walk-up resident first sees which port and site the
 * code names and its price (nothing starts before that); with a reservation the price was shown
 * when reserving, so the code starts at once.
 */
export function StartByCode({
  initial,
  reserved,
  onStarted,
}: {
  initial: string;
  reserved: boolean;
  onStarted: () => void;
}) {
  const [found, setFound] = useState<{ code: string; lookup: Lookup } | null>(null);
  const start = useAction(async (code: string) => {
    await call(routes.charging.start, { body: { code } });
    setFound(null);
    onStarted();
  });
  const lookup = useAction(async (code: string) => {
    setFound({ code, lookup: await call(routes.charging.lookupPort, { params: { code } }) });
  });

  if (found) {
    const { site, port } = found.lookup;
    return (
      <View className="kit-card" id="ch-port-found">
        <Text className="kit-card__title">
          {site.name} · {port.label}
        </Text>
        <Text className="ch-line">状态：{portStatusText[port.status]}</Text>
        <SiteFacts site={site} />
        {start.error ? <Notice ok={false}>{start.error}</Notice> : null}
        <Button id="ch-start" loading={start.busy} onClick={() => void start.run(found.code)}>
          {site.pricePerMinuteFen > 0 ? '确认价格，开始充电' : '开始充电（免费）'}
        </Button>
        <Button kind="plain" disabled={start.busy} onClick={() => setFound(null)}>
          换一个充电口
        </Button>
      </View>
    );
  }
  return (
    <>
      <CodeEntry
        busy={lookup.busy || start.busy}
        initial={initial}
        label={reserved ? '开始充电' : '查看价格并开始'}
        onCode={(code) => void (reserved ? start.run(code) : lookup.run(code))}
      />
      {lookup.error || start.error ? <Notice ok={false}>{lookup.error ?? start.error}</Notice> : null}
    </>
  );
}
