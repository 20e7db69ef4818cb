import { NotFound, PageFrame } from '../../kit';

/** Where every unknown route lands (app.ts): never a blank page, always a way home. */
export default function NotFoundPage() {
  return (
    <PageFrame title="页面不存在">
      <NotFound />
    </PageFrame>
  );
}
