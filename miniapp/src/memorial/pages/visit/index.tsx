import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { VisitView } from '@warmcity/shared/api/memorial';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, Chip, ListState, Notice, PageFrame, SelectRow, useAction, useLoad, useSignInGate } from '../../../kit';
import { clock, cstDate, day } from '../../../kit/time';
import { go } from '../../labels';
import { VisitCard } from '../../VisitCard';
import '../../memorial.css';

const api = routes.memorial;
const MAX_COMPANIONS = 4;

type Slot = VisitView['slot'];

function Slots({ slots, reload }: { slots: Slot[]; reload: () => void }) {
  const [date, setDate] = useState<string | null>(null);
  const [slotId, setSlotId] = useState<string | null>(null);
  const [companions, setCompanions] = useState<string[]>([]);
  const [booked, setBooked] = useState<VisitView | null>(null);
  const gate = useSignInGate();
  const book = useAction(async () => {
    if (!slotId) return;
    setBooked(
      await call(api.bookVisit, {
        params: { id: slotId },
        body: { companions: companions.map((name) => name.trim()) },
      }),
    );
    reload();
  });

  const items = slots;
  const days = [...new Set(items.map((slot) => cstDate(slot.startsAt)))];
  const shownDate = date ?? days[0] ?? null;
  const ofDay = items.filter((slot) => cstDate(slot.startsAt) === shownDate);
  const chosen = items.find((slot) => slot.id === slotId) ?? null;
  const party = 1 + companions.length;
  const blank = companions.some((name) => !name.trim());

  if (booked)
    return (
      <View>
        <Notice ok id="mm-visit-booked">
          预约成功，请按时段入园。
        </Notice>
        <VisitCard visit={booked} onChanged={() => setBooked(null)} />
        <Button kind="secondary" onClick={() => go('visits/index')}>
          查看我的祭扫预约
        </Button>
      </View>
    );

  return (
    <View>
      <Text className="kit-label">日期</Text>
      <View className="mm-chips" role="group" aria-label="日期">
        {days.map((d) => (
          <Chip key={d} id={`mm-day-${d}`} on={d === shownDate} onClick={() => (setDate(d), setSlotId(null))}>
            {day(`${d}T04:00:00.000Z`)}
          </Chip>
        ))}
      </View>
      <Text className="kit-label">时段</Text>
      <View className="mm-chips" role="group" aria-label="时段">
        {ofDay.map((slot, index) => (
          <Chip key={slot.id} id={`mm-slot-${index}`} on={slot.id === slotId} onClick={() => setSlotId(slot.id)}>
            {clock(slot.startsAt)}–{clock(slot.endsAt)}（{slot.placesLeft > 0 ? `余 ${slot.placesLeft}` : '已满'}）
          </Chip>
        ))}
      </View>

      <View className="kit-card">
        <Text className="kit-card__title">同行人（最多 {MAX_COMPANIONS} 位）</Text>
        {companions.map((name, index) => (
          <View key={index} className="mm-line">
            <Input
              id={`mm-companion-${index}`}
              className="mm-field"
              maxlength={20}
              placeholder={`同行人 ${index + 1} 姓名`}
              value={name}
              onInput={(e) => {
                const value = e.detail.value;
                setCompanions((list) => list.map((n, i) => (i === index ? value : n)));
              }}
            />
            <Button kind="plain" inline onClick={() => setCompanions((list) => list.filter((_, i) => i !== index))}>
              删除
            </Button>
          </View>
        ))}
        {companions.length < MAX_COMPANIONS ? (
          <Button kind="secondary" id="mm-add-companion" onClick={() => setCompanions((list) => [...list, ''])}>
            添加同行人
          </Button>
        ) : (
          <Text className="mm-note">每笔预约最多带 {MAX_COMPANIONS} 位同行人</Text>
        )}
      </View>

      <Button
        id="mm-book-visit"
        loading={book.busy}
        disabled={!chosen || blank || (chosen && chosen.placesLeft < party)}
        onClick={() => gate.guard(() => void book.run())}
      >
        {chosen ? `预约 ${day(chosen.startsAt)} ${clock(chosen.startsAt)}（${party} 人）` : '请选择时段'}
      </Button>
      {chosen && chosen.placesLeft < party ? <Notice ok={false}>该时段余量不足 {party} 人，请换一个时段</Notice> : null}
      {book.error ? <Notice ok={false}>{book.error}</Notice> : null}
      {gate.sheet}
    </View>
  );
}

/** Only cemeteries that have published slots are offered. */
async function cemeteriesWithSlots() {
  const { items } = await call(api.listCemeteries);
  const slots = await Promise.all(items.map((c) => call(api.listVisitSlots, { params: { id: c.id } })));
  return items.flatMap((cemetery, i) => (slots[i]!.items.length > 0 ? [{ ...cemetery, slots: slots[i]!.items }] : []));
}

/** 现场祭扫预约: pick a cemetery, a day and a slot; the party comes in whole or not at all. */
export default function BookVisit() {
  const cemeteries = useLoad(cemeteriesWithSlots, 'cemeteries');
  const [chosen, setChosen] = useState(0);
  const items = cemeteries.data ?? [];
  const cemetery = items[chosen];
  return (
    <PageFrame title="现场祭扫预约" className="memorial">
      <Text className="mm-note">清明等高峰日分时段入园，每个时段限定人数，本人和同行人都占名额。</Text>
      <ListState
        loading={cemeteries.loading && !cemeteries.data}
        error={cemeteries.error}
        empty={items.length === 0}
        emptyText="暂无可预约的时段"
        emptyHint="高峰日前陵园会发布入园时段"
        onRetry={cemeteries.reload}
      >
        <SelectRow
          id="mm-visit-cemetery"
          label="陵园"
          options={items}
          text={(c) => c.name}
          selected={chosen}
          onSelect={setChosen}
        />
        {cemetery ? <Slots key={cemetery.id} slots={cemetery.slots} reload={cemeteries.reload} /> : null}
      </ListState>
    </PageFrame>
  );
}
