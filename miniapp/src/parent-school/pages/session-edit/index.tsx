import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SessionView } from '@warmcity/shared/api/parent-school';
import { ApiError, call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { CancelSession } from '../../CancelSession';
import {
  checkSessionForm,
  endTimeAfter,
  newSessionForm,
  serverErrors,
  sessionFormOf,
  sessionPatch,
  type FormErrors,
  type SessionForm,
} from '../../session-form';
import {
  Button,
  Chip,
  DateTimeRow,
  ErrorState,
  FormRow,
  Notice,
  PageFrame,
  Skeleton,
  TextRow,
  WithParam,
  messageOf,
  useLoad,
} from '../../../kit';
import '../../parent-school.css';

const api = routes['parent-school'];

async function loadChoices(schoolId: string, id: string) {
  const [courses, schools, session] = await Promise.all([
    call(api.listCourses, { query: { schoolId } }),
    call(api.listSchools),
    id ? call(api.getSession, { params: { id } }) : Promise.resolve(null),
  ]);
  const venues = schools.items.find((s) => s.id === schoolId)?.venues ?? [];
  return { courses: courses.items, venues, session };
}

/** Staff: schedule a session, or change one (times, venue, seats, booking window, cancel cut-off). */
function EditSession({ schoolId, id, justPublished }: { schoolId: string; id: string; justPublished: boolean }) {
  const loaded = useLoad(() => loadChoices(schoolId, id), `${schoolId}:${id}`);
  const [form, setForm] = useState<SessionForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(
    justPublished ? { ok: true, text: '场次已发布，家长现在可以预约了' } : null,
  );

  useEffect(() => {
    if (!loaded.data || form) return;
    const { courses, venues, session } = loaded.data;
    const first = courses[0];
    setForm(
      session
        ? sessionFormOf(session)
        : {
            ...newSessionForm(new Date(), first?.durationMinutes),
            courseId: first?.id ?? '',
            venueId: venues[0]?.id ?? '',
          },
    );
  }, [loaded.data, form]);

  if (loaded.error)
    return (
      <PageFrame title="场次" className="parent-school">
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      </PageFrame>
    );
  if (!loaded.data || !form)
    return (
      <PageFrame title="场次" className="parent-school">
        <Skeleton rows={2} />
      </PageFrame>
    );
  const { courses, venues, session } = loaded.data;
  const set = (patch: Partial<SessionForm>) => setForm({ ...form, ...patch });

  if (!session && (courses.length === 0 || venues.length === 0)) {
    return (
      <PageFrame title="场次" className="parent-school">
        <Text className="ps-note">先添加至少一门课程和一个场地，才能安排场次。</Text>
        <Button onClick={() => void Taro.redirectTo({ url: `/parent-school/pages/catalog/index?scope=${schoolId}` })}>
          去添加课程与场地
        </Button>
      </PageFrame>
    );
  }

  const save = async () => {
    setMessage(null);
    const checked = checkSessionForm(form, new Date());
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved: SessionView = session
        ? await call(api.updateSession, {
            params: { id: session.id },
            body: sessionPatch(checked.values, form.venueId, session),
          })
        : await call(api.createSession, {
            body: { ...checked.values, courseId: form.courseId, venueId: form.venueId },
          });
      if (session) {
        setMessage({ ok: true, text: '已保存修改' });
        loaded.reload();
      } else {
        // From here on this is the new session's own page: saving again edits it, not a copy;
        // it says what just happened, since the redirect drops any toast.
        await Taro.redirectTo({
          url: `/parent-school/pages/session-edit/index?scope=${schoolId}&id=${saved.id}&published=1`,
        });
      }
    } catch (e) {
      if (e instanceof ApiError) setErrors(serverErrors(e.errors));
      setMessage({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  const cancelled = session?.status === 'cancelled';
  return (
    <PageFrame title="场次" className="parent-school">
      <View className="kit-card">
        <Text className="kit-card__title">{session ? '修改场次' : '新建场次'}</Text>
        <FormRow label="课程" error={errors.courseId}>
          {session ? (
            <Text className="ps-card__line">{session.course.title}</Text>
          ) : (
            <View className="ps-chips">
              {courses.map((c) => (
                <Chip
                  key={c.id}
                  on={c.id === form.courseId}
                  onClick={() => set({ courseId: c.id, endTime: endTimeAfter(form.startTime, c.durationMinutes) })}
                >
                  {c.title}
                </Chip>
              ))}
            </View>
          )}
        </FormRow>
        <FormRow label="场地" error={errors.venueId}>
          <View className="ps-chips">
            {venues.map((v) => (
              <Chip key={v.id} on={v.id === form.venueId} onClick={() => set({ venueId: v.id })}>
                {v.name}
              </Chip>
            ))}
          </View>
        </FormRow>
        <DateTimeRow
          label="开课"
          date={form.date}
          time={form.startTime}
          onDate={(date) => set({ date, closesDate: date })}
          onTime={(startTime) => set({ startTime, closesTime: startTime })}
          error={errors.startTime}
        />
        <DateTimeRow
          label="结束（当天）"
          time={form.endTime}
          onTime={(endTime) => set({ endTime })}
          error={errors.endTime}
        />
        <TextRow
          id="ps-capacity"
          label="座位数"
          type="number"
          value={form.capacity}
          onChange={(capacity) => set({ capacity })}
          error={errors.capacity}
        />
        <DateTimeRow
          label="开放预约"
          date={form.opensDate}
          time={form.opensTime}
          onDate={(opensDate) => set({ opensDate })}
          onTime={(opensTime) => set({ opensTime })}
          error={errors.opensTime}
        />
        <DateTimeRow
          label="截止预约"
          date={form.closesDate}
          time={form.closesTime}
          onDate={(closesDate) => set({ closesDate })}
          onTime={(closesTime) => set({ closesTime })}
          error={errors.closesTime}
        />
        <TextRow
          id="ps-cutoff"
          label="开课前多少分钟停止取消（0 表示开课前都可取消）"
          type="number"
          value={form.cancelCutoffMinutes}
          onChange={(cancelCutoffMinutes) => set({ cancelCutoffMinutes })}
          error={errors.cancelCutoffMinutes}
        />
        {cancelled ? (
          <Text className="ps-note">本场已取消{session.cancelNote ? `：${session.cancelNote}` : ''}</Text>
        ) : (
          <Button id="ps-save-session" loading={busy} disabled={busy} onClick={() => void save()}>
            {busy ? '正在保存…' : session ? '保存修改' : '发布场次'}
          </Button>
        )}
        {message ? (
          <Notice ok={message.ok} id="ps-session-result">
            {message.text}
          </Notice>
        ) : null}
      </View>
      {session && !cancelled ? <CancelSession session={session} onCancelled={loaded.reload} /> : null}
    </PageFrame>
  );
}

export default function EditSessionPage() {
  const { params } = useRouter();
  return (
    <WithParam name="scope" title="场次">
      {(schoolId) => <EditSession schoolId={schoolId} id={params.id ?? ''} justPublished={params.published === '1'} />}
    </WithParam>
  );
}
