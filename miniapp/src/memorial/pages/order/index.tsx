import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { apiClient, call } from '../../../api/client';
import { routes } from '../../../api/routes';
import {
  Button,
  Chip,
  DateRow,
  ImageUpload,
  ListState,
  NotFound,
  Notice,
  PageFrame,
  Steps,
  TextRow,
  useAction,
  useLoad,
  useSignInGate,
} from '../../../kit';
import { cstDate, cstMidnight, dateTime } from '../../../kit/time';
import { OrderHeading } from '../../OrderHeading';
import { Photo } from '../../Photo';
import { orderStateNames, yuan } from '../../labels';
import '../../memorial.css';

const api = routes.memorial;
const DAYS_AHEAD = 180;
const STEPS = ['submitted', 'accepted', 'in_progress', 'done'] as const;
const pay = (orderId: string) => void Taro.navigateTo({ url: `/payments/pages/pay/index?id=${orderId}` });

function OrderDetail({ id }: { id: string }) {
  const order = useLoad(() => call(api.getMyServiceOrder, { params: { id } }), id);
  const cancel = useAction(async () => {
    await call(api.cancelMyServiceOrder, { params: { id } });
    order.reload();
  });
  const o = order.data;
  const at = (state: string) => o?.timeline.find((step) => step.state === state)?.at;
  return (
    <ListState loading={order.loading && !o} error={order.error} empty={false} onRetry={order.reload}>
      {o ? (
        <View>
          <View className="kit-card" id="mm-order">
            <OrderHeading order={o} more={o.refundedFen > 0 ? ` · 已退款 ${yuan(o.refundedFen)}` : ''} />
            {o.note ? <Text className="mm-note">备注：{o.note}</Text> : null}
            {o.cancelReason ? <Text className="mm-note">取消原因：{o.cancelReason}</Text> : null}
          </View>
          {o.state === 'cancelled' ? null : (
            <Steps
              steps={STEPS.map((state) => {
                const when = at(state);
                return { title: orderStateNames[state], ...(when ? { desc: dateTime(when) } : {}) };
              })}
              current={Math.max(0, STEPS.indexOf(o.state as (typeof STEPS)[number]))}
            />
          )}
          {o.completionPhotos.length > 0 ? (
            <View className="kit-card" id="mm-completion-photos">
              <Text className="kit-card__title">完成照片</Text>
              {o.completionPhotos.map((url) => (
                <Photo key={url} url={url} label="服务完成照片" />
              ))}
            </View>
          ) : null}
          {o.state === 'awaiting_payment' && o.paymentOrderId ? (
            <Button id="mm-order-pay" onClick={() => pay(o.paymentOrderId!)}>
              去支付 {yuan(o.package.priceFen)}
            </Button>
          ) : null}
          {o.state === 'awaiting_payment' || o.state === 'submitted' ? (
            <Button kind="secondary" id="mm-order-cancel" loading={cancel.busy} onClick={() => void cancel.run()}>
              取消订单{o.state === 'submitted' && o.paymentOrderId ? '（全额退款）' : ''}
            </Button>
          ) : null}
          {cancel.error ? <Notice ok={false}>{cancel.error}</Notice> : null}
        </View>
      ) : null}
    </ListState>
  );
}

function OrderForm({ memorialId }: { memorialId: string }) {
  const gate = useSignInGate();
  const memorial = useLoad(() => call(api.getMemorial, { params: { id: memorialId } }), memorialId);
  const cemeteryId = memorial.data?.cemetery.id;
  const packages = useLoad(
    async () => (cemeteryId ? (await call(api.listServicePackages, { params: { id: cemeteryId } })).items : []),
    cemeteryId ?? '',
  );
  const today = cstDate(new Date().toISOString());
  const last = cstDate(cstMidnight(today, DAYS_AHEAD));
  const [packageId, setPackageId] = useState<string | null>(null);
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const chosen = packages.data?.find((p) => p.id === packageId) ?? null;
  const place = useAction(async () => {
    if (!chosen) return;
    const placed = await call(api.placeServiceOrder, {
      params: { id: memorialId },
      body: {
        packageId: chosen.id,
        date,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(chosen.kind === 'repair' ? { photos } : {}),
      },
    });
    // The order's page offers 去支付 while it waits, so a payment left half-way is found again.
    void Taro.redirectTo({ url: `/memorial/pages/order/index?id=${placed.id}` });
  });
  const needsPhoto = chosen?.kind === 'repair' && photos.length === 0;
  return (
    <ListState
      loading={(memorial.loading && !memorial.data) || packages.loading}
      error={memorial.error ?? packages.error}
      empty={(packages.data ?? []).length === 0}
      emptyText="该陵园暂未开通服务"
      onRetry={memorial.reload}
    >
      <Text className="mm-note">为 {memorial.data?.name} 的墓位预约服务，陵园受理后会通知您进度，完成后上传照片。</Text>
      <Text className="kit-label">服务</Text>
      <View className="mm-chips" role="group" aria-label="服务">
        {(packages.data ?? []).map((p, index) => (
          <Chip key={p.id} id={`mm-package-${index}`} on={p.id === packageId} onClick={() => setPackageId(p.id)}>
            {p.name}（{yuan(p.priceFen)}）
          </Chip>
        ))}
      </View>
      {chosen?.description ? <Text className="mm-note">{chosen.description}</Text> : null}
      <DateRow id="mm-order-date" label="服务日期" value={date} start={today} end={last} onChange={setDate} />
      <TextRow id="mm-order-note" label="备注" value={note} onChange={setNote} maxlength={200} multiline />
      {chosen?.kind === 'repair' ? (
        <View className="kit-card">
          <Text className="kit-card__title">损坏照片（至少 1 张）</Text>
          <ImageUpload
            token={apiClient.tokens.get()}
            max={6}
            onChange={(files) => setPhotos(files.map((file) => file.answer))}
          />
        </View>
      ) : null}
      <Button
        id="mm-order-place"
        loading={place.busy}
        disabled={!chosen || needsPhoto}
        onClick={() => gate.guard(() => void place.run())}
      >
        {chosen ? `提交订单 ${yuan(chosen.priceFen)}` : '请选择服务'}
      </Button>
      {place.error ? <Notice ok={false}>{place.error}</Notice> : null}
      {gate.sheet}
    </ListState>
  );
}

/** 代客祭扫 / 入葬 / 报修: `?memorial=` places an order for its plot, `?id=` shows one. */
export default function ServiceOrder() {
  const { id, memorial } = useRouter().params;
  return (
    <PageFrame title="祭扫服务" className="memorial">
      {id ? <OrderDetail id={id} /> : memorial ? <OrderForm memorialId={memorial} /> : <NotFound />}
    </PageFrame>
  );
}
