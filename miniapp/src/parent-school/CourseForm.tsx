import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { CourseView } from '@warmcity/shared/api/parent-school';
import { ApiError, call } from '../api/client';
import { routes } from '../api/routes';
import { FormRow, TextRow } from './FormRow';
import { fieldErrors, required, wholeNumberIn } from './catalog-form';

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
      await Taro.showToast({ title: course ? '课程已保存' : '课程已添加', icon: 'success' });
      onSaved();
    } catch (e) {
      if (e instanceof ApiError)
        setErrors(fieldErrors<Fields>(e.errors, ['title', 'speaker', 'summary', 'durationMinutes']));
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="ps-card">
      <Text className="ps-card__title">{course ? `修改课程：${course.title}` : '新增课程'}</Text>
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
      <FormRow label="课程简介" error={errors.summary}>
        <Textarea
          id="ps-course-summary"
          className={`ps-input ps-textarea ${errors.summary ? 'ps-input--bad' : ''}`}
          value={summary}
          maxlength={1000}
          onInput={(e) => setSummary(e.detail.value)}
        />
      </FormRow>
      <Button className="ps-primary" id="ps-save-course" loading={busy} disabled={busy} onClick={() => void save()}>
        {busy ? '正在保存…' : '保存课程'}
      </Button>
      {failure ? <Text className="ps-error">{failure}</Text> : null}
    </View>
  );
}
