import { Text, View } from '@tarojs/components';
import type { VisitView } from '@warmcity/shared/api/memorial';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { Badge, Button, Notice, confirm, toast, useAction } from '../kit';
import { clock, timeRange } from '../kit/time';

/** A visit as the gate needs it: the entry code large enough to read off a phone held up. */
export function VisitCard({ visit, onChanged }: { visit: VisitView; onChanged: () => void }) {
  const cancel = useAction(async () => {
    const yes = await confirm({
      title: '取消预约',
      content: '取消后名额会让给其他人，确定取消吗？',
      confirmText: '确定取消',
      danger: true,
    });
    if (!yes) return;
    await call(routes.memorial.cancelVisit, { params: { id: visit.id } });
    toast('已取消', 'success');
    onChanged();
  });
  const upcoming = new Date(visit.slot.startsAt).getTime() > Date.now();
  const live = visit.status === 'confirmed' && !visit.checkedInAt;
  return (
    <View className="kit-card mm-visit" id={`mm-visit-${visit.id}`}>
      <Text className="kit-card__title">{timeRange(visit.slot.startsAt, visit.slot.endsAt)}</Text>
      <Text className="mm-note">
        共 {visit.places} 人{visit.companions.length > 0 ? `：本人及 ${visit.companions.join('、')}` : '（本人）'}
      </Text>
      {live ? (
        <>
          <Text className="mm-note">入园时向工作人员出示入园码</Text>
          <Text className="mm-entry-code" id="mm-entry-code">
            {visit.entryCode.toUpperCase()}
          </Text>
        </>
      ) : null}
      <View className="mm-line">
        <Badge tone={visit.checkedInAt ? 'ok' : visit.status === 'confirmed' ? 'brand' : 'off'}>
          {visit.checkedInAt
            ? `已入园 ${clock(visit.checkedInAt)}`
            : visit.status === 'confirmed'
              ? '已预约'
              : '已取消'}
        </Badge>
        {live && upcoming ? (
          <Button kind="danger" inline id="mm-visit-cancel" loading={cancel.busy} onClick={() => void cancel.run()}>
            取消预约
          </Button>
        ) : null}
      </View>
      {cancel.error ? <Notice ok={false}>{cancel.error}</Notice> : null}
    </View>
  );
}
