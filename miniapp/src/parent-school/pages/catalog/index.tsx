import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { CourseForm } from '../../CourseForm';
import { VenueForm } from '../../VenueForm';
import { Chip, ListState, PageFrame, useLoad } from '../../../kit';
import '../../parent-school.css';

const api = routes['parent-school'];

async function loadCatalog(schoolId: string) {
  const [courses, schools] = await Promise.all([call(api.listCourses, { query: { schoolId } }), call(api.listSchools)]);
  return { courses: courses.items, venues: schools.items.find((s) => s.id === schoolId)?.venues ?? [] };
}

type Editing = { kind: 'course' | 'venue'; id: string | null };

/** Staff: the school's courses and venues; tap one to edit it, or add a new one. */
export default function Catalog() {
  const { params } = useRouter();
  const schoolId = params.scope ?? '';
  const catalog = useLoad(() => loadCatalog(schoolId), schoolId);
  const [editing, setEditing] = useState<Editing>({ kind: 'course', id: null });
  // A new key remounts the form, so it starts from the chosen record (or blank) every time.
  const [round, setRound] = useState(0);
  const edit = (next: Editing) => {
    setEditing(next);
    setRound((n) => n + 1);
  };
  const saved = () => {
    catalog.reload();
    edit({ kind: editing.kind, id: null });
  };
  const courses = catalog.data?.courses ?? [];
  const venues = catalog.data?.venues ?? [];
  const on = (kind: Editing['kind'], id: string | null) => editing.kind === kind && editing.id === id;

  return (
    <PageFrame title="课程与场地" className="parent-school">
      <ListState
        loading={catalog.loading && !catalog.data}
        error={catalog.error}
        empty={false}
        onRetry={catalog.reload}
      >
        <Text className="ps-day">课程（{courses.length}）</Text>
        <View className="ps-chips">
          {courses.map((c) => (
            <Chip key={c.id} on={on('course', c.id)} onClick={() => edit({ kind: 'course', id: c.id })}>
              {c.title}
            </Chip>
          ))}
          <Chip on={on('course', null)} id="ps-new-course" onClick={() => edit({ kind: 'course', id: null })}>
            + 新增课程
          </Chip>
        </View>
        <Text className="ps-day">场地（{venues.length}）</Text>
        <View className="ps-chips">
          {venues.map((v) => (
            <Chip key={v.id} on={on('venue', v.id)} onClick={() => edit({ kind: 'venue', id: v.id })}>
              {v.name}
            </Chip>
          ))}
          <Chip on={on('venue', null)} id="ps-new-venue" onClick={() => edit({ kind: 'venue', id: null })}>
            + 新增场地
          </Chip>
        </View>
        {editing.kind === 'course' ? (
          <CourseForm
            key={round}
            schoolId={schoolId}
            course={courses.find((c) => c.id === editing.id) ?? null}
            onSaved={saved}
          />
        ) : (
          <VenueForm
            key={round}
            schoolId={schoolId}
            venue={venues.find((v) => v.id === editing.id) ?? null}
            onSaved={saved}
          />
        )}
      </ListState>
    </PageFrame>
  );
}
