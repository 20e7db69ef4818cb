import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ChargeView } from '@warmcity/shared/api/charging';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, ErrorState, Notice, PageFrame, SignInPrompt, Skeleton, confirm, toast, useAction } from '../../../kit';
import { clock } from '../../../kit/time';
import { SubscribePrompt } from '../../../push/SubscribePrompt';
import { chargeCostText, countdownText, energyText, minutesText, priceText } from '../../format';
import { portCodeOf } from '../../port-code';
import { Figure, SessionSummary } from '../../SessionSummary';
import { StartByCode } from '../../StartByCode';
import { useCurrent } from '../../use-current';
import { useNow, useWhileShown } from '../../use-while-shown';
import '../../charging.css';

const api = routes.charging;
// The meter reports every minute or so; five seconds keeps the figures fresh without load.
const LIVE_MS = 5_000;

function Live({ charge, onStopped }: { charge: ChargeView; onStopped: (done: ChargeView) => void }) {
  const stop = useAction(async () => {
    const yes = await confirm({
      title: '停止充电',
      content: charge.pricePerMinuteFen > 0 ? '停止后按已充的分钟计费。确定停止吗？' : '确定停止充电吗？',
      confirmText: '确定停止',
    });
    if (yes) onStopped(await call(api.stop, { params: { id: charge.id } }));
  });
  return (
    <>
      <View className="kit-card" id="ch-live">
        <Text className="kit-card__title">
          正在充电 · {charge.site.name} {charge.port.label}
        </Text>
        <Text className="ch-line">
          {charge.startedAt ? `${clock(charge.startedAt)} 开始 · ` : ''}
          {priceText(charge.pricePerMinuteFen)}
          {charge.stopsBy ? ` · 最晚 ${clock(charge.stopsBy)} 自动结束` : ''}
        </Text>
        <View className="ch-figures">
          <Figure n={minutesText(charge.minutes)} label="已充时长" id="ch-live-minutes" />
          <Figure n={charge.energyWh === null ? '—' : energyText(charge.energyWh)} label="用电量" id="ch-live-energy" />
          <Figure n={chargeCostText(charge)} label="当前费用" id="ch-live-cost" />
        </View>
        <Text className="ch-legend">每 5 秒更新 · 拔下插头也会自动结束</Text>
      </View>
      <Button kind="danger" id="ch-stop" loading={stop.busy} onClick={() => void stop.run()}>
        停止充电
      </Button>
      {stop.error ? <Notice ok={false}>{stop.error}</Notice> : null}
    </>
  );
}

function Reserved({ charge, code, onChange }: { charge: ChargeView; code: string; onChange: () => void }) {
  const now = useNow();
  const cancel = useAction(async () => {
    const yes = await confirm({
      title: '取消预约',
      content: '取消后充电口会释放给其他人。',
      confirmText: '确定取消',
      cancelText: '保留',
      danger: true,
    });
    if (!yes) return;
    await call(api.cancel, { params: { id: charge.id } });
    toast('已取消预约', 'success');
    onChange();
  });
  const left = charge.holdExpiresAt ? Date.parse(charge.holdExpiresAt) - now : 0;
  return (
    <>
      <View className="kit-card" id="ch-reservation">
        <Text className="kit-card__title">
          已预约 · {charge.site.name} {charge.port.label}
        </Text>
        <Text className="ch-line">
          {charge.holdExpiresAt ? `为您保留到 ${clock(charge.holdExpiresAt)}，` : ''}超时未开始充电将自动释放
        </Text>
        <Text className="ch-countdown" id="ch-countdown" aria-label="剩余保留时间">
          {countdownText(left)}
        </Text>
        <Text className="ch-line">
          到达后插好插头，扫充电口上的二维码，或输入编号 <Text className="ch-strong">{charge.port.code}</Text>{' '}
          开始充电。
        </Text>
      </View>
      <SubscribePrompt kinds={['charging_reminder', 'charging_cancelled', 'charging_expired']} text="开启到期提醒" />
      <StartByCode initial={code} reserved onStarted={onChange} />
      <Button kind="plain" id="ch-cancel" loading={cancel.busy} onClick={() => void cancel.run()}>
        取消预约
      </Button>
      {cancel.error ? <Notice ok={false}>{cancel.error}</Notice> : null}
    </>
  );
}

/** 我的充电: the reservation (countdown, start by code, cancel), the charge under way (live
 * energy, time, cost; stop), or, with neither, a walk-up start on a free port by its code. */
export default function Charge() {
  // The port's QR, scanned by the phone's own camera, may open this page with the code in it.
  const linked = portCodeOf(useRouter().params.code ?? '');
  const current = useCurrent();
  const [ended, setEnded] = useState<ChargeView | null>(null);
  const charge = current.data?.charge ?? null;
  // A hold past its time is released by the BFF's sweeper; the next poll shows it gone.
  useWhileShown(() => charge && current.reload(), LIVE_MS);
  const changed = () => {
    setEnded(null);
    current.reload();
  };

  let body: JSX.Element;
  if (current.error && !current.data) body = <ErrorState error={current.error} onRetry={current.reload} />;
  else if (current.data === null && !current.loading)
    body = <SignInPrompt text="登录后预约和充电" onSignedIn={current.reload} />;
  else if (!current.data) body = <Skeleton rows={2} />;
  else if (charge?.status === 'charging')
    body = (
      <Live
        charge={charge}
        onStopped={(done) => {
          setEnded(done);
          current.reload();
        }}
      />
    );
  else if (charge?.status === 'reserved') body = <Reserved charge={charge} code={linked} onChange={changed} />;
  else
    body = (
      <>
        {ended ? <SessionSummary charge={ended} /> : null}
        <View className="kit-card">
          <Text className="kit-card__title">扫码充电</Text>
          <Text className="ch-line">没有预约也可以：找一个空闲的充电口，插好插头，扫码或输入编号。</Text>
        </View>
        <StartByCode initial={linked} reserved={false} onStarted={changed} />
      </>
    );
  return (
    <PageFrame title="我的充电" className="charging">
      {body}
    </PageFrame>
  );
}
