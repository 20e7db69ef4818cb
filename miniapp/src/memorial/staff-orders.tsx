import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ServiceOrderState, ServiceOrderView } from '@warmcity/shared/api/memorial-orders';
import { apiClient, call } from '../api/client';
import { routes } from '../api/routes';
import { Button, Chip, ImageUpload, ListState, Notice, TextRow, toast, useAction, useLoad } from '../kit';
import { dateTime } from '../kit/time';
import { orderStateNames, yuan } from './labels';
import { OrderHeading } from './OrderHeading';
import { Photo } from './Photo';

const api = routes.memorial;
const MAX_PHOTOS = 6;

/** The states staff work through, in order; an unpaid order is not theirs yet. */
const queues: readonly ServiceOrderState[] = ['submitted', 'accepted', 'in_progress', 'done', 'cancelled'];
const queueNames: Partial<Record<ServiceOrderState, string>> = { submitted: '待受理' };

function OrderCard({ order, onMoved }: { order: ServiceOrderView; onMoved: () => void }) {
  const id = order.id;
  const [photos, setPhotos] = useState<string[]>([]);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const act = useAction(async (action: 'accept' | 'start' | 'complete' | 'cancel') => {
    const params = { id };
    const moved =
      action === 'accept'
        ? await call(api.staffAcceptServiceOrder, { params })
        : action === 'start'
          ? await call(api.staffStartServiceOrder, { params })
          : action === 'complete'
            ? await call(api.staffCompleteServiceOrder, { params, body: { photos } })
            : await call(api.staffCancelServiceOrder, { params, body: { reason: reason.trim() } });
    // The card leaves this list; say where it went, the family has been told.
    toast(`订单${orderStateNames[moved.state]}，已通知家属`, 'success');
    onMoved();
  });
  const open = order.state !== 'done' && order.state !== 'cancelled';
  const paid = order.paymentOrderId !== null && order.state !== 'awaiting_payment';
  return (
    <View className="kit-card" id={`mm-staff-order-${id}`}>
      <OrderHeading order={order} more={` · 下单 ${dateTime(order.createdAt)}`} />
      {order.note ? <Text className="mm-note">家属备注：{order.note}</Text> : null}
      {order.cancelReason ? <Text className="mm-note">取消原因：{order.cancelReason}</Text> : null}
      {order.refundedFen > 0 ? <Text className="mm-note">已退款 {yuan(order.refundedFen)}</Text> : null}
      {order.photos.map((url) => (
        <Photo key={url} url={url} label="家属上传的照片" />
      ))}
      {order.completionPhotos.map((url) => (
        <Photo key={url} url={url} label="服务完成照片" />
      ))}
      {order.state === 'submitted' ? (
        <Button id={`mm-staff-order-accept-${id}`} loading={act.busy} onClick={() => void act.run('accept')}>
          受理订单
        </Button>
      ) : null}
      {order.state === 'accepted' ? (
        <Button id={`mm-staff-order-start-${id}`} loading={act.busy} onClick={() => void act.run('start')}>
          开始服务
        </Button>
      ) : null}
      {order.state === 'in_progress' ? (
        <View>
          <Text className="kit-label">完成照片（至少 1 张，家属可见）</Text>
          <ImageUpload
            token={apiClient.tokens.get()}
            max={MAX_PHOTOS}
            onChange={(files) => setPhotos(files.map((file) => file.answer))}
          />
          <Button
            id={`mm-staff-order-complete-${id}`}
            loading={act.busy}
            disabled={photos.length === 0}
            onClick={() => void act.run('complete')}
          >
            上传照片并完成
          </Button>
        </View>
      ) : null}
      {open && !cancelling ? (
        <Button kind="secondary" id={`mm-staff-order-cancel-${id}`} onClick={() => setCancelling(true)}>
          取消订单
        </Button>
      ) : null}
      {open && cancelling ? (
        <View>
          <TextRow
            id={`mm-staff-order-reason-${id}`}
            label="取消原因（家属可见）"
            value={reason}
            onChange={setReason}
            maxlength={100}
          />
          <View className="kit-row">
            <Button
              inline
              kind="danger"
              id={`mm-staff-order-cancel-confirm-${id}`}
              loading={act.busy}
              disabled={reason.trim() === ''}
              onClick={() => void act.run('cancel')}
            >
              {paid ? '确认取消并全额退款' : '确认取消'}
            </Button>
            <Button inline kind="plain" onClick={() => setCancelling(false)}>
              不取消
            </Button>
          </View>
        </View>
      ) : null}
      {act.error ? <Notice ok={false}>{act.error}</Notice> : null}
    </View>
  );
}

/** 服务订单: the cemetery's orders one state at a time, each worked from its card. */
export function StaffOrders({ cemeteryId }: { cemeteryId: string }) {
  const [state, setState] = useState<ServiceOrderState>('submitted');
  const orders = useLoad(
    () => call(api.staffListServiceOrders, { params: { id: cemeteryId }, query: { state } }),
    `${cemeteryId}:${state}`,
  );
  const items = orders.data?.items ?? [];
  return (
    <View>
      <View className="mm-chips" role="group" aria-label="订单状态">
        {queues.map((key) => (
          <Chip key={key} id={`mm-staff-orders-${key}`} on={state === key} onClick={() => setState(key)}>
            {queueNames[key] ?? orderStateNames[key]}
          </Chip>
        ))}
      </View>
      <ListState
        loading={orders.loading && !orders.data}
        error={orders.error}
        empty={items.length === 0}
        emptyText={`没有${queueNames[state] ?? orderStateNames[state]}的订单`}
        onRetry={orders.reload}
      >
        {items.map((order) => (
          <OrderCard key={`${order.id}:${order.state}`} order={order} onMoved={orders.reload} />
        ))}
      </ListState>
    </View>
  );
}
