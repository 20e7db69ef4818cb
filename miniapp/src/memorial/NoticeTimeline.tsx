import { Text, View } from '@tarojs/components';
import type { DeathNoticeState, DeathNoticeView } from '@warmcity/shared/api/memorial-notices';
import { Badge, Steps } from '../kit';
import { dateTime } from '../kit/time';

export const noticeStateNames: Record<DeathNoticeState, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '办理中',
  done: '已办结',
  cancelled: '已关闭',
};

export const noticeTone = (state: DeathNoticeState) =>
  state === 'done' ? 'ok' : state === 'cancelled' ? 'off' : state === 'submitted' ? 'wait' : 'brand';

const STEPS = ['submitted', 'accepted', 'in_progress', 'done'] as const;

/** Who died, where and when, as both the family and the agency team read it. */
export function NoticeFacts({ notice }: { notice: DeathNoticeView }) {
  return (
    <View className="kit-card" id={`mm-notice-${notice.id}`}>
      <View className="mm-line">
        <Text className="kit-card__title">{notice.deceasedName}</Text>
        <Badge tone={noticeTone(notice.state)}>{noticeStateNames[notice.state]}</Badge>
      </View>
      <Text className="mm-note">身份证号 {notice.maskedIdNumber}</Text>
      <Text className="mm-note">
        {notice.deathDate} 于 {notice.place} 去世
      </Text>
      <Text className="mm-note">
        {notice.cemetery.name} · 报丧人为逝者{notice.relation} · 电话 {notice.contactPhone || '（已注销）'}
      </Text>
      {notice.note ? <Text className="mm-note">备注：{notice.note}</Text> : null}
      <Text className="mm-note">提交于 {dateTime(notice.createdAt)}</Text>
    </View>
  );
}

/** The fixed stages, then every step with the agency team's notes, oldest first. */
export function NoticeTimeline({ notice }: { notice: DeathNoticeView }) {
  const at = (state: string) => notice.timeline.find((step) => step.state === state)?.at;
  return (
    <View>
      {notice.state === 'cancelled' ? null : (
        <Steps
          steps={STEPS.map((state) => {
            const when = at(state);
            return { title: noticeStateNames[state], ...(when ? { desc: dateTime(when) } : {}) };
          })}
          current={Math.max(0, STEPS.indexOf(notice.state as (typeof STEPS)[number]))}
        />
      )}
      <View className="kit-card" id="mm-notice-timeline">
        <Text className="kit-card__title">办理记录</Text>
        {notice.seenAt ? <Text className="mm-note">{dateTime(notice.seenAt)} 代办员已查看</Text> : null}
        {notice.timeline.map((step, index) => (
          <View key={`${step.at}:${index}`} className="mm-message">
            <Text className="mm-note">
              {dateTime(step.at)} · {noticeStateNames[step.state]}
              {step.by === 'reporter' && step.state === 'cancelled' ? '（报丧人撤回）' : ''}
            </Text>
            {step.note ? <Text className="mm-body">{step.note}</Text> : null}
          </View>
        ))}
      </View>
    </View>
  );
}
