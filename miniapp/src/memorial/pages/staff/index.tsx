import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import {
  Badge,
  Button,
  Chip,
  DateTimeRow,
  ListState,
  Notice,
  PageFrame,
  TextRow,
  WithParam,
  useAction,
  useLoad,
  CodeDesk,
} from '../../../kit';
import { clock, cstDate, dateTime, timeRange } from '../../../kit/time';
import { lifeDates, visibilityNames } from '../../labels';
import '../../memorial.css';

const api = routes.memorial;

function PendingMemorials({ cemeteryId }: { cemeteryId: string }) {
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

function HeldMessages({ cemeteryId }: { cemeteryId: string }) {
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

function PublishSlot({ cemeteryId }: { cemeteryId: string }) {
  const slots = useLoad(() => call(api.listVisitSlots, { params: { id: cemeteryId } }), cemeteryId);
  const [date, setDate] = useState(cstDate(new Date(Date.now() + 86_400_000).toISOString()));
  const [start, setStart] = useState('08:00');
  const [end, setEnd] = useState('09:30');
  const [capacity, setCapacity] = useState('200');
  const publish = useAction(async () => {
    await call(api.publishVisitSlot, {
      params: { id: cemeteryId },
      body: {
        startsAt: new Date(`${date}T${start}:00+08:00`).toISOString(),
        endsAt: new Date(`${date}T${end}:00+08:00`).toISOString(),
        capacity: Number(capacity),
      },
    });
    slots.reload();
  });
  const count = Number(capacity);
  const bad = !Number.isInteger(count) || count < 1 || end <= start;
  return (
    <View>
      <View className="kit-card">
        <DateTimeRow label="开始" date={date} time={start} onDate={setDate} onTime={setStart} />
        <DateTimeRow label="结束" time={end} onTime={setEnd} error={end <= start ? '结束须晚于开始' : undefined} />
        <TextRow
          id="mm-slot-capacity"
          label="人数上限（含同行人）"
          type="number"
          value={capacity}
          onChange={setCapacity}
          maxlength={5}
        />
        <Button id="mm-publish-slot" loading={publish.busy} disabled={bad} onClick={() => void publish.run()}>
          发布时段
        </Button>
        {publish.error ? <Notice ok={false}>{publish.error}</Notice> : null}
      </View>
      <ListState
        loading={slots.loading && !slots.data}
        error={slots.error}
        empty={(slots.data?.items ?? []).length === 0}
        emptyText="还没有发布时段"
        onRetry={slots.reload}
      >
        {(slots.data?.items ?? []).map((slot) => (
          <View key={slot.id} className="mm-line">
            <Text className="mm-note">{timeRange(slot.startsAt, slot.endsAt)}</Text>
            <Badge tone={slot.placesLeft > 0 ? 'brand' : 'off'}>
              {slot.booked}/{slot.capacity} 人
            </Badge>
          </View>
        ))}
      </ListState>
    </View>
  );
}

function CheckIn({ cemeteryId }: { cemeteryId: string }) {
  return (
    <CodeDesk
      idPrefix="mm-checkin"
      length={8}
      digits={false}
      placeholder="输入 8 位入园码"
      submitText="核验入园"
      scanText="扫码核验"
      notFoundText="入园码不对，请核对后重新输入"
      normalise={(typed) => typed.trim().toLowerCase()}
      onCheck={async (input) => {
        const entryCode = 'code' in input ? input.code : input.scanned.toLowerCase();
        const visit = await call(api.checkInVisit, { params: { id: cemeteryId }, body: { entryCode } });
        const who = visit.companions.length > 0 ? `（同行：${visit.companions.join('、')}）` : '';
        return `核验通过，共 ${visit.places} 人${who}，${clock(visit.checkedInAt!)} 入园`;
      }}
    />
  );
}

const desks = [
  ['checkin', '入园核验'],
  ['slots', '发布时段'],
  ['memorials', '建馆审核'],
  ['messages', '寄语审核'],
] as const;

function StaffDesk({ cemeteryId }: { cemeteryId: string }) {
  const [desk, setDesk] = useState<(typeof desks)[number][0]>('checkin');
  return (
    <PageFrame title="陵园工作台" className="memorial">
      <View className="mm-chips" role="group" aria-label="工作">
        {desks.map(([key, name]) => (
          <Chip key={key} id={`mm-desk-${key}`} on={desk === key} onClick={() => setDesk(key)}>
            {name}
          </Chip>
        ))}
      </View>
      {desk === 'checkin' ? <CheckIn cemeteryId={cemeteryId} /> : null}
      {desk === 'slots' ? <PublishSlot cemeteryId={cemeteryId} /> : null}
      {desk === 'memorials' ? <PendingMemorials cemeteryId={cemeteryId} /> : null}
      {desk === 'messages' ? <HeldMessages cemeteryId={cemeteryId} /> : null}
    </PageFrame>
  );
}

export default function StaffDeskPage() {
  return (
    <WithParam name="scope" title="陵园工作台">
      {(cemeteryId) => <StaffDesk cemeteryId={cemeteryId} />}
    </WithParam>
  );
}
