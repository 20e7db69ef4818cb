import Taro from '@tarojs/taro';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { ListState, PageFrame, SignInPrompt, usePagedList } from '../../../kit';
import { useSession } from '../../../session/useSession';
import { ReportCard } from '../../ReportCard';
import { More } from '../../More';
import '../../charging.css';

const api = routes.charging;

/** 我的上报: each report's status and the staff's answer. */
export default function MyReports() {
  const signedIn = useSession().status === 'signed-in';
  const reports = usePagedList(
    (cursor) =>
      signedIn
        ? call(api.listMyReports, { query: cursor ? { cursor } : {} })
        : Promise.resolve({ items: [], nextCursor: null }),
    `reports:${signedIn}`,
  );
  if (!signedIn)
    return (
      <PageFrame title="我的上报" className="charging">
        <SignInPrompt text="登录后查看我的上报" />
      </PageFrame>
    );
  return (
    <PageFrame title="我的上报" className="charging">
      <ListState
        loading={reports.loading}
        error={reports.error}
        empty={reports.items.length === 0}
        emptyText="您还没有上报过隐患"
        emptyAction={{
          label: '上报充电隐患',
          onClick: () => void Taro.redirectTo({ url: '/charging/pages/report/index' }),
        }}
        onRetry={reports.reload}
      >
        {reports.items.map((report) => (
          <ReportCard key={report.id} report={report} />
        ))}
        <More list={reports} />
      </ListState>
    </PageFrame>
  );
}
