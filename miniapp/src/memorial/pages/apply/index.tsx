import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import {
  Button,
  FormRow,
  ListState,
  Notice,
  PageFrame,
  SelectRow,
  focusable,
  useAction,
  useLoad,
  useSignInGate,
} from '../../../kit';
import { go, visibilityNames } from '../../labels';
import { TextFields, type TextField } from '../../TextFields';
import '../../memorial.css';

const api = routes.memorial;
const visibilities = ['family', 'link', 'public'] as const;
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A date of a life: the platform's wheel, from 1900 to today. */
function LifeDate({
  label,
  id,
  value,
  onChange,
}: {
  label: string;
  id: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <FormRow label={label}>
      <Picker
        mode="date"
        value={value || '1950-01-01'}
        start="1900-01-01"
        end={today()}
        onChange={(e) => onChange(e.detail.value)}
      >
        <View id={id} className="kit-input kit-select" role="button" {...focusable}>
          <Text className="kit-select__text">{value || '请选择'}</Text>
        </View>
      </Picker>
    </FormRow>
  );
}

type TextKey = 'name' | 'area' | 'row' | 'number' | 'relation' | 'certificateNumber' | 'biography';
const nameField: TextField<TextKey> = { key: 'name', id: 'mm-apply-name', label: '逝者姓名', maxlength: 30 };
const plotFields: TextField<TextKey>[] = [
  { key: 'area', id: 'mm-apply-area', label: '墓区', maxlength: 20, placeholder: '如：松区' },
  { key: 'row', id: 'mm-apply-row', label: '排', maxlength: 10 },
  { key: 'number', id: 'mm-apply-number', label: '号', maxlength: 10 },
];
const relativeFields: TextField<TextKey>[] = [
  { key: 'relation', id: 'mm-apply-relation', label: '您与逝者的关系', maxlength: 20, placeholder: '如：孙子、女儿' },
  { key: 'certificateNumber', id: 'mm-apply-certificate', label: '墓位证编号', maxlength: 40 },
  { key: 'biography', id: 'mm-apply-bio', label: '生平（可稍后补充）', maxlength: 5000, multiline: true },
];

/** 申请建馆: only a relative with the plot certificate; staff check it before anything shows. */
export default function Apply() {
  const cemeteries = useLoad(() => call(api.listCemeteries), 'cemeteries');
  const gate = useSignInGate();
  const [form, setForm] = useState({
    cemetery: 0,
    name: '',
    birthDate: '',
    deathDate: '',
    area: '',
    row: '',
    number: '',
    visibility: 0,
    relation: '',
    certificateNumber: '',
    biography: '',
  });
  const [done, setDone] = useState(false);
  const set = (key: keyof typeof form) => (value: string | number) => setForm((f) => ({ ...f, [key]: value }));
  const missing =
    !form.name.trim() ||
    !form.birthDate ||
    !form.deathDate ||
    !form.area.trim() ||
    !form.row.trim() ||
    !form.number.trim() ||
    !form.relation.trim() ||
    !form.certificateNumber.trim();
  const wrongOrder = Boolean(form.birthDate && form.deathDate && form.deathDate < form.birthDate);
  const submit = useAction(async () => {
    const cemetery = cemeteries.data?.items[form.cemetery];
    if (!cemetery) return;
    await call(api.createMemorial, {
      body: {
        cemeteryId: cemetery.id,
        name: form.name.trim(),
        birthDate: form.birthDate,
        deathDate: form.deathDate,
        plot: { area: form.area.trim(), row: form.row.trim(), number: form.number.trim() },
        visibility: visibilities[form.visibility]!,
        relation: form.relation.trim(),
        certificateNumber: form.certificateNumber.trim(),
        ...(form.biography.trim() ? { biography: form.biography.trim() } : {}),
      },
    });
    setDone(true);
  });

  if (done)
    return (
      <PageFrame title="申请建馆" className="memorial">
        <Notice ok id="mm-applied">
          已提交。陵园工作人员核对墓位证后会开放纪念馆，审核结果可在「我的纪念馆」查看。
        </Notice>
        <Button onClick={() => go('mine/index')}>去我的纪念馆</Button>
      </PageFrame>
    );

  const items = cemeteries.data?.items ?? [];
  return (
    <PageFrame title="申请建馆" className="memorial">
      <Text className="mm-note">请由逝者亲属填写。提交后由陵园核对墓位证，审核通过前任何人都看不到。</Text>
      <ListState
        loading={cemeteries.loading && !cemeteries.data}
        error={cemeteries.error}
        empty={items.length === 0}
        onRetry={cemeteries.reload}
      >
        <SelectRow
          label="陵园"
          options={items}
          text={(c) => c.name}
          selected={form.cemetery}
          onSelect={set('cemetery')}
        />
        <TextFields fields={[nameField]} form={form} set={set} />
        <LifeDate id="mm-apply-birth" label="出生日期" value={form.birthDate} onChange={set('birthDate')} />
        <LifeDate id="mm-apply-death" label="逝世日期" value={form.deathDate} onChange={set('deathDate')} />
        {wrongOrder ? <Notice ok={false}>逝世日期不能早于出生日期</Notice> : null}
        <TextFields fields={plotFields} form={form} set={set} />
        <SelectRow
          label="谁能看到"
          options={visibilities}
          text={(v) => visibilityNames[v]}
          selected={form.visibility}
          onSelect={set('visibility')}
        />
        <TextFields fields={relativeFields} form={form} set={set} />
        <Button
          id="mm-apply-submit"
          loading={submit.busy}
          disabled={missing || wrongOrder}
          onClick={() => gate.guard(() => void submit.run())}
        >
          提交审核
        </Button>
        {submit.error ? <Notice ok={false}>{submit.error}</Notice> : null}
      </ListState>
      {gate.sheet}
    </PageFrame>
  );
}
