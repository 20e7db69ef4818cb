import Taro from '@tarojs/taro';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { ListState, LoadMore, usePagedList } from '../../../kit';
import { ReportCard } from '../../ReportCard';
import { SignedInPage } from '../../SignedInPage';
import '../../charging.css';

const api = routes.charging;

/** 我的上报: each report's status and the staff's answer. */
function MyReports() {
  const reports = usePagedList((cursor) => call(api.listMyReports, { query: cursor ? { cursor } : {} }), 'reports');
  return (
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
      <LoadMore list={reports} />
    </ListState>
  );
}

export default function MyReportsPage() {
  return (
    <SignedInPage title="我的上报" prompt="登录后查看我的上报">
      {() => <MyReports />}
    </SignedInPage>
  );
}
