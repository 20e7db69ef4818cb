import { useState } from 'react';
import { View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import {
  Button,
  Chip,
  ListState,
  LoadMore,
  Notice,
  PageFrame,
  TextRow,
  WithParam,
  toast,
  useAction,
  usePagedList,
} from '../../../kit';
import { reportStatusText } from '../../labels';
import { ReportCard } from '../../ReportCard';
import { PhotoPicker } from '../../PhotoPicker';
import '../../charging.css';

const api = routes.charging;
const filters = ['open', 'assigned', 'resolved'] as const;

/** Resolve with a note (and a photo of the fix); the reporter is told and reads the note. */
function Resolve({ reportId, onDone }: { reportId: string; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const photoId = photos[0];
  const [error, setError] = useState<string | undefined>();
  const resolve = useAction(async () => {
    await call(api.staffResolveReport, {
      params: { id: reportId },
      body: { note: note.trim(), ...(photoId ? { photoId } : {}) },
    });
    toast('已处理，已通知居民', 'success');
    onDone();
  });
  const submit = () => {
    const missing = note.trim() ? undefined : '请写下处理结果，居民会看到';
    setError(missing);
    if (!missing) void resolve.run();
  };
  return (
    <View className="ch-resolve">
      <TextRow
        id={`ch-resolve-note-${reportId}`}
        label="处理结果"
        value={note}
        onChange={setNote}
        maxlength={300}
        multiline
        placeholder="例如：已拆除私拉电线，并提醒住户到集中充电点充电"
        error={error}
      />
      <PhotoPicker max={1} onChange={setPhotos} />
      {resolve.error ? <Notice ok={false}>{resolve.error}</Notice> : null}
      <Button id={`ch-resolve-${reportId}`} loading={resolve.busy} onClick={submit}>
        标记已处理
      </Button>
    </View>
  );
}

function StaffReports({ siteId }: { siteId: string }) {
  const [status, setStatus] = useState<(typeof filters)[number]>('open');
  const reports = usePagedList(
    (cursor) => call(api.staffListReports, { query: { siteId, status, ...(cursor ? { cursor } : {}) } }),
    `${siteId}:${status}`,
  );
  const assign = useAction(async (id: string) => {
    await call(api.staffAssignReport, { params: { id }, body: {} });
    toast('已接单', 'success');
    reports.reload();
  });

  return (
    <PageFrame title="隐患上报处理" className="charging">
      <View className="ch-chips" role="group" aria-label="处理状态">
        {filters.map((f) => (
          <Chip key={f} on={status === f} onClick={() => setStatus(f)}>
            {reportStatusText[f]}
          </Chip>
        ))}
      </View>
      {assign.error ? <Notice ok={false}>{assign.error}</Notice> : null}
      <ListState
        loading={reports.loading}
        error={reports.error}
        empty={reports.items.length === 0}
        emptyText={status === 'resolved' ? '还没有处理完的上报' : '没有待处理的上报'}
        onRetry={reports.reload}
      >
        {reports.items.map((report) => (
          <ReportCard key={report.id} report={report}>
            {report.status === 'open' ? (
              <Button kind="secondary" loading={assign.busy} onClick={() => void assign.run(report.id)}>
                接单
              </Button>
            ) : null}
            {report.status === 'assigned' ? <Resolve reportId={report.id} onDone={reports.reload} /> : null}
          </ReportCard>
        ))}
        <LoadMore list={reports} />
      </ListState>
    </PageFrame>
  );
}

export default function StaffReportsPage() {
  return (
    <WithParam name="scope" title="隐患上报处理">
      {(siteId) => <StaffReports siteId={siteId} />}
    </WithParam>
  );
}
