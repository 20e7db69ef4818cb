import { Text, View } from '@tarojs/components';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { Button, ListState, Notice, useAction, useLoad } from '../kit';
import { dateTime } from '../kit/time';
import { lifeDates, visibilityNames } from './labels';

const api = routes.memorial;

export function PendingMemorials({ cemeteryId }: { cemeteryId: string }) {
  const pending = useLoad(() => call(api.listPendingMemorials, { params: { id: cemeteryId } }), cemeteryId);
  const review = useAction(async (id: string, decision: 'approve' | 'reject') => {
    await call(api.reviewMemorial, { params: { id }, body: { decision } });
    pending.reload();
  });
  const items = pending.data?.items ?? [];
  return (
    <ListState
      loading={pending.loading && !pending.data}
      error={pending.error}
      empty={items.length === 0}
      emptyText="没有待审核的建馆申请"
      onRetry={pending.reload}
    >
      {items.map((m) => (
        <View key={m.id} className="kit-card" id={`mm-pending-${m.id}`}>
          <Text className="kit-card__title">{m.name}</Text>
          <Text className="mm-note">{lifeDates(m.birthDate, m.deathDate)}</Text>
          <Text className="mm-note">
            {m.plot.area} {m.plot.row} 排 {m.plot.number} 号 · {visibilityNames[m.visibility]}
          </Text>
          <Text className="mm-note">
            申请人关系：{m.relation} · 墓位证：{m.certificateNumber}
          </Text>
          <View className="kit-row">
            <Button inline disabled={review.busy} onClick={() => void review.run(m.id, 'approve')}>
              核对无误，通过
            </Button>
            <Button inline kind="danger" disabled={review.busy} onClick={() => void review.run(m.id, 'reject')}>
              驳回
            </Button>
          </View>
        </View>
      ))}
      {review.error ? <Notice ok={false}>{review.error}</Notice> : null}
    </ListState>
  );
}

export function HeldMessages({ cemeteryId }: { cemeteryId: string }) {
  const held = useLoad(() => call(api.listHeldMessages, { params: { id: cemeteryId } }), cemeteryId);
  const review = useAction(async (id: string, decision: 'approve' | 'reject') => {
    await call(api.reviewMessage, { params: { id }, body: { decision } });
    held.reload();
  });
  const items = held.data?.items ?? [];
  return (
    <ListState
      loading={held.loading && !held.data}
      error={held.error}
      empty={items.length === 0}
      emptyText="没有待审核的寄语"
      onRetry={held.reload}
    >
      {items.map((message) => (
        <View key={message.id} className="kit-card">
          <Text className="mm-message__text">{message.text}</Text>
          <Text className="mm-note">{dateTime(message.createdAt)}</Text>
          <View className="kit-row">
            <Button inline disabled={review.busy} onClick={() => void review.run(message.id, 'approve')}>
              显示
            </Button>
            <Button inline kind="danger" disabled={review.busy} onClick={() => void review.run(message.id, 'reject')}>
              不予显示
            </Button>
          </View>
        </View>
      ))}
      {review.error ? <Notice ok={false}>{review.error}</Notice> : null}
    </ListState>
  );
}
