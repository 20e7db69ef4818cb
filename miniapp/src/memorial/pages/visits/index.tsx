import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { ListState, PageFrame, useLoad } from '../../../kit';
import { go } from '../../labels';
import { VisitCard } from '../../VisitCard';
import '../../memorial.css';

/** 我的祭扫预约: each visit's entry code, and cancelling before the slot starts. */
export default function MyVisits() {
  const visits = useLoad(() => call(routes.memorial.listMyVisits), 'visits');
  const items = visits.data?.items ?? [];
  return (
    <PageFrame title="我的祭扫预约" className="memorial">
      <ListState
        loading={visits.loading && !visits.data}
        error={visits.error}
        empty={items.length === 0}
        emptyText="还没有祭扫预约"
        emptyHint="清明等高峰日入园需要提前预约时段"
        emptyAction={{ label: '去预约', onClick: () => go('visit/index') }}
        onRetry={visits.reload}
      >
        {items.map((visit) => (
          <VisitCard key={`${visit.id}:${visit.status}`} visit={visit} onChanged={visits.reload} />
        ))}
      </ListState>
    </PageFrame>
  );
}
