import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import {
  Button,
  ErrorState,
  Notice,
  PageFrame,
  Skeleton,
  WithParam,
  LinkRow,
  focusable,
  useAction,
  useLoad,
  useSignInGate,
} from '../../../kit';
import { clock } from '../../../kit/time';
import { ActivityBanner } from '../../ActivityBanner';
import { portStatusText } from '../../labels';
import { SiteFacts } from '../../SiteCard';
import { useCurrent } from '../../use-current';
import { useWhileShown } from '../../use-while-shown';
import '../../charging.css';

const api = routes.charging;
// Often enough that a port taken meanwhile shows before the resident walks over.
const REFRESH_MS = 10_000;

function Site({ id }: { id: string }) {
  const site = useLoad(() => call(api.getSite, { params: { id } }), id);
  useWhileShown(site.reload, REFRESH_MS);
  const [chosen, setChosen] = useState<string | null>(null);
  const gate = useSignInGate();
  const current = useCurrent();
  const charge = current.data?.charge ?? null;
  const reserve = useAction(async () => {
    await call(api.reserve, { body: chosen ? { siteId: id, portId: chosen } : { siteId: id } });
    current.reload();
    await Taro.navigateTo({ url: '/charging/pages/charge/index' });
  });

  if (site.error && !site.data)
    return (
      <PageFrame title="充电站点">
        <ErrorState error={site.error} onRetry={site.reload} />
      </PageFrame>
    );
  if (!site.data)
    return (
      <PageFrame title="充电站点">
        <Skeleton rows={2} />
      </PageFrame>
    );
  const s = site.data;
  const free = s.ports.filter((port) => port.status === 'free');
  const chosenPort = s.ports.find((port) => port.id === chosen && port.status === 'free') ?? null;

  return (
    <PageFrame title="充电站" className="charging">
      <View className="kit-card">
        <Text className="kit-card__title" id="ch-site-name">
          {s.name}
        </Text>
        <Text className="ch-line">{s.address}</Text>
        <SiteFacts site={s} />
        {s.pricePerMinuteFen > 0 ? <Text className="ch-line">充电结束后按实际分钟支付，无需充值</Text> : null}
      </View>

      <ActivityBanner charge={charge} />

      <View className="kit-card">
        <View className="ch-head">
          <Text className="kit-card__title">充电口</Text>
          <Text className={`ch-free ${free.length === 0 ? 'ch-free--none' : ''}`} id="ch-free-count">
            空闲 {free.length}/{s.ports.length}
          </Text>
        </View>
        <View className="ch-grid" role="group" aria-label="充电口">
          {s.ports.map((port) => {
            const on = port.id === chosenPort?.id;
            const pickable = port.status === 'free';
            return (
              <View
                key={port.id}
                className={`ch-port ch-port--${on ? 'chosen' : port.status}`}
                role={pickable ? 'button' : undefined}
                aria-pressed={pickable ? on : undefined}
                {...(pickable ? focusable : {})}
                onClick={() => pickable && setChosen(on ? null : port.id)}
              >
                <Text className="ch-port__code">{port.label}</Text>
                <Text>{on ? '已选' : port.mine ? '我的' : portStatusText[port.status]}</Text>
              </View>
            );
          })}
        </View>
        <Text className="ch-legend">每 10 秒自动刷新 · 点空闲的充电口可指定预约</Text>
      </View>

      {/* One reservation or session at a time: the banner above leads to it instead. */}
      {charge ? null : (
        <View className="kit-card">
          <Text className="ch-line">
            预约后为您保留 <Text className="ch-strong">{s.graceMinutes} 分钟</Text>
            （到 {clock(new Date(Date.now() + s.graceMinutes * 60_000).toISOString())}
            ），超时未开始充电自动释放，开始前可随时取消。
          </Text>
          <Button
            id="ch-reserve"
            loading={reserve.busy}
            disabled={free.length === 0 || !s.openNow}
            onClick={() => gate.guard(() => void reserve.run())}
          >
            {!s.openNow
              ? '现在不在开放时间'
              : free.length === 0
                ? '暂无空闲充电口'
                : chosenPort
                  ? `预约 ${chosenPort.label}`
                  : '预约任意空闲充电口'}
          </Button>
          {reserve.error ? <Notice ok={false}>{reserve.error}</Notice> : null}
        </View>
      )}
      <View className="kit-group">
        <LinkRow
          title="上报这里的充电隐患"
          desc="私拉电线、楼道充电、充电口故障"
          onClick={() => void Taro.navigateTo({ url: `/charging/pages/report/index?siteId=${id}` })}
        />
      </View>
      {gate.sheet}
    </PageFrame>
  );
}

export default function SitePage() {
  return (
    <WithParam name="id" title="充电站点">
      {(id) => <Site id={id} />}
    </WithParam>
  );
}
