import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { Badge, Button, CodeDesk, DateTimeRow, ListState, Notice, TextRow, useAction, useLoad } from '../kit';
import { clock, cstDate, timeRange } from '../kit/time';

const api = routes.memorial;

export function PublishSlot({ cemeteryId }: { cemeteryId: string }) {
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

export function CheckIn({ cemeteryId }: { cemeteryId: string }) {
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
