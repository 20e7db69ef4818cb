import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CourseView } from '@warmcity/shared/api/parent-school';
import { ApiError, call } from '../api/client';
import { routes } from '../api/routes';
import { Button, Notice, TextRow, messageOf, toast } from '../kit';
import { fieldErrors, required, wholeNumberIn } from '../kit/validators';

const api = routes['parent-school'];
type Fields = 'title' | 'speaker' | 'summary' | 'durationMinutes';

/** Adds a course to the school, or edits `course`; the limits are the contract's. */
export function CourseForm({
  schoolId,
  course,
  onSaved,
}: {
  schoolId: string;
  course: CourseView | null;
  onSaved: () => void;
}) {
  const [title, setTitle] = useState(course?.title ?? '');
  const [speaker, setSpeaker] = useState(course?.speaker ?? '');
  const [summary, setSummary] = useState(course?.summary ?? '');
  const [duration, setDuration] = useState(String(course?.durationMinutes ?? 30));
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const save = async () => {
    const durationMinutes = wholeNumberIn(duration, 5, 480);
    const found = {
      title: required(title, '课程名称', 80),
      speaker: required(speaker, '主讲人', 60),
      summary: required(summary, '课程简介', 1000),
      durationMinutes: durationMinutes === null ? '时长须为 5 到 480 分钟' : undefined,
    };
    setErrors(found);
    setFailure(null);
    if (Object.values(found).some(Boolean) || durationMinutes === null) return;
    const body = { title: title.trim(), speaker: speaker.trim(), summary: summary.trim(), durationMinutes };
    setBusy(true);
    try {
      if (course) await call(api.updateCourse, { params: { id: course.id }, body });
      else await call(api.createCourse, { body: { ...body, schoolId } });
      toast(course ? '课程已保存' : '课程已添加', 'success');
      onSaved();
    } catch (e) {
      if (e instanceof ApiError)
        setErrors(fieldErrors<Fields>(e.errors, ['title', 'speaker', 'summary', 'durationMinutes']));
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="kit-card">
      <Text className="kit-card__title">{course ? `修改课程：${course.title}` : '新增课程'}</Text>
      <TextRow
        id="ps-course-title"
        label="课程名称"
        value={title}
        maxlength={80}
        onChange={setTitle}
        error={errors.title}
      />
      <TextRow
        id="ps-course-speaker"
        label="主讲人"
        value={speaker}
        maxlength={60}
        onChange={setSpeaker}
        error={errors.speaker}
      />
      <TextRow
        id="ps-course-duration"
        label="时长（分钟）"
        type="number"
        value={duration}
        onChange={setDuration}
        error={errors.durationMinutes}
      />
      <TextRow
        id="ps-course-summary"
        label="课程简介"
        multiline
        value={summary}
        maxlength={1000}
        onChange={setSummary}
        error={errors.summary}
      />
      <Button id="ps-save-course" loading={busy} disabled={busy} onClick={() => void save()}>
        {busy ? '正在保存…' : '保存课程'}
      </Button>
      {failure ? <Notice ok={false}>{failure}</Notice> : null}
    </View>
  );
}
