import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { DeathNoticeState, DeathNoticeView } from '@warmcity/shared/api/memorial-notices';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import {
  Badge,
  Button,
  Chip,
  ListState,
  Notice,
  PageFrame,
  TextRow,
  WithParam,
  confirm,
  toast,
  useAction,
  useLoad,
} from '../../../kit';
import { dateTime } from '../../../kit/time';
import { NoticeFacts, NoticeTimeline, noticeStateNames, noticeTone } from '../../NoticeTimeline';
import '../../memorial.css';

const api = routes.memorial;
const queues: DeathNoticeState[] = ['submitted', 'accepted', 'in_progress', 'done', 'cancelled'];

/** An opened notice: the phone in full to call from, and the next step the team can take. */
function OpenNotice({ id, onChanged }: { id: string; onChanged: () => void }) {
  const notice = useLoad(() => call(api.agencyGetDeathNotice, { params: { id } }), id);
  const [note, setNote] = useState('');
  const act = useAction(async (action: 'accept' | 'progress' | 'complete' | 'cancel') => {
    const trimmed = note.trim();
    if (action === 'cancel') {
      const yes = await confirm({
        title: '关闭报丧',
        content: '关闭后家属会收到通知，确定吗？',
        confirmText: '确定关闭',
        danger: true,
      });
      if (!yes) return;
    }
    const params = { params: { id } };
    if (action === 'accept')
      await call(api.agencyAcceptDeathNotice, { ...params, body: trimmed ? { note: trimmed } : {} });
    if (action === 'progress') await call(api.agencyProgressDeathNotice, { ...params, body: { note: trimmed } });
    if (action === 'complete')
      await call(api.agencyCompleteDeathNotice, { ...params, body: trimmed ? { note: trimmed } : {} });
    if (action === 'cancel') await call(api.agencyCancelDeathNotice, { ...params, body: { note: trimmed } });
    setNote('');
    toast('已通知家属', 'success');
    notice.reload();
    onChanged();
  });
  const n = notice.data;
  const open = n && (n.state === 'submitted' || n.state === 'accepted' || n.state === 'in_progress');
  return (
    <ListState loading={notice.loading && !n} error={notice.error} empty={false} onRetry={notice.reload}>
      {n ? (
        <View id="mm-agency-open">
          <NoticeFacts notice={n} />
          {n.contactPhone ? (
            <Button kind="secondary" onClick={() => void Taro.makePhoneCall({ phoneNumber: n.contactPhone })}>
              {`拨打家属电话 ${n.contactPhone}`}
            </Button>
          ) : null}
          <NoticeTimeline notice={n} />
          {open ? (
            <View className="kit-card">
              <TextRow
                id="mm-agency-note"
                label={n.state === 'submitted' ? '给家属的话（可不填）' : '办理进展（家属会收到）'}
                value={note}
                onChange={setNote}
                maxlength={200}
                multiline
              />
              {n.state === 'submitted' ? (
                <Button id="mm-agency-accept" loading={act.busy} onClick={() => void act.run('accept')}>
                  受理
                </Button>
              ) : (
                <>
                  <Button
                    id="mm-agency-progress"
                    loading={act.busy}
                    disabled={!note.trim()}
                    onClick={() => void act.run('progress')}
                  >
                    记录进展
                  </Button>
                  <Button
                    id="mm-agency-done"
                    kind="secondary"
                    disabled={act.busy}
                    onClick={() => void act.run('complete')}
                  >
                    办结
                  </Button>
                </>
              )}
              <Button
                id="mm-agency-cancel"
                kind="danger"
                disabled={act.busy || !note.trim()}
                onClick={() => void act.run('cancel')}
              >
                关闭（请先在上面写明原因）
              </Button>
              {act.error ? <Notice ok={false}>{act.error}</Notice> : null}
            </View>
          ) : null}
        </View>
      ) : null}
    </ListState>
  );
}

function NoticeRow({ notice, onOpen }: { notice: DeathNoticeView; onOpen: () => void }) {
  return (
    <View className="kit-card" id={`mm-agency-${notice.id}`}>
      <View className="mm-line">
        <Text className="kit-card__title">{notice.deceasedName}</Text>
        <Badge tone={noticeTone(notice.state)}>{noticeStateNames[notice.state]}</Badge>
      </View>
      <Text className="mm-note">
        {notice.deathDate} · {notice.place}
      </Text>
      <Text className="mm-note">
        报丧人（{notice.relation}）{notice.contactPhone} · {dateTime(notice.createdAt)}
      </Text>
      <Button kind="secondary" onClick={onOpen}>
        打开办理
      </Button>
    </View>
  );
}

function AgencyDesk({ cemeteryId }: { cemeteryId: string }) {
  const [state, setState] = useState<DeathNoticeState>('submitted');
  const [opened, setOpened] = useState<string | null>(null);
  const list = useLoad(
    () => call(api.agencyListDeathNotices, { params: { id: cemeteryId }, query: { state } }),
    `${cemeteryId}:${state}`,
  );
  const items = list.data?.items ?? [];
  return (
    <PageFrame title="报丧办理" className="memorial">
      <Text className="mm-note">每次查看报丧都会留下查阅记录。家属电话只在打开后显示。</Text>
      {opened ? (
        <>
          <Button kind="plain" id="mm-agency-back" onClick={() => setOpened(null)}>
            ‹ 返回列表
          </Button>
          <OpenNotice id={opened} onChanged={list.reload} />
        </>
      ) : (
        <>
          <View className="mm-chips" role="group" aria-label="办理状态">
            {queues.map((key) => (
              <Chip key={key} id={`mm-agency-queue-${key}`} on={state === key} onClick={() => setState(key)}>
                {key === 'submitted' ? '待受理' : noticeStateNames[key]}
              </Chip>
            ))}
          </View>
          <ListState
            loading={list.loading && !list.data}
            error={list.error}
            empty={items.length === 0}
            emptyText="这里没有报丧"
            onRetry={list.reload}
          >
            {items.map((notice) => (
              <NoticeRow key={notice.id} notice={notice} onOpen={() => setOpened(notice.id)} />
            ))}
          </ListState>
        </>
      )}
    </PageFrame>
  );
}

/** The cemetery's agency team (代办员): death notices by state, opened one at a time. */
export default function AgencyDeskPage() {
  return (
    <WithParam name="scope" title="报丧办理">
      {(cemeteryId) => <AgencyDesk cemeteryId={cemeteryId} />}
    </WithParam>
  );
}
