import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, ListState, Notice, PageFrame, WithParam, confirm, useAction, useLoad } from '../../../kit';
import { NoticeFacts, NoticeTimeline } from '../../NoticeTimeline';
import '../../memorial.css';

const api = routes.memorial;

function NoticeDetail({ id }: { id: string }) {
  const notice = useLoad(() => call(api.getMyDeathNotice, { params: { id } }), id);
  const withdraw = useAction(async () => {
    const yes = await confirm({
      title: '撤回报丧',
      content: '撤回后代办员将不再处理这条报丧，确定吗？',
      confirmText: '确定撤回',
      danger: true,
    });
    if (!yes) return;
    await call(api.withdrawMyDeathNotice, { params: { id } });
    notice.reload();
  });
  const n = notice.data;
  return (
    <ListState loading={notice.loading && !n} error={notice.error} empty={false} onRetry={notice.reload}>
      {n ? (
        <>
          <NoticeFacts notice={n} />
          <NoticeTimeline notice={n} />
          {n.state === 'submitted' ? (
            <Button
              kind="secondary"
              id="mm-notice-withdraw"
              loading={withdraw.busy}
              onClick={() => void withdraw.run()}
            >
              撤回报丧（代办员受理前可撤回）
            </Button>
          ) : null}
          {withdraw.error ? <Notice ok={false}>{withdraw.error}</Notice> : null}
        </>
      ) : null}
    </ListState>
  );
}

/** One of my death notices: what I reported, and each step the agency team has taken. */
export default function MyNotice() {
  return (
    <WithParam name="id" title="报丧进度">
      {(id) => (
        <PageFrame title="报丧进度" className="memorial">
          <NoticeDetail id={id} />
        </PageFrame>
      )}
    </WithParam>
  );
}
