import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EARLIEST_DEATH_DATE } from '@warmcity/shared/memorial/notice-limits';
import { checkIdNumber } from '@warmcity/shared/personal-data/id-number';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, Chip, DateRow, ListState, Notice, PageFrame, useAction, useLoad, useSignInGate } from '../../../kit';
import { cstDate } from '../../../kit/time';
import { go } from '../../labels';
import { TextFields, type TextField } from '../../TextFields';
import '../../memorial.css';

const api = routes.memorial;
const MOBILE = /^1[3-9]\d{9}$/;

/** 在线报丧: a relative tells the cemetery's agency team of a death; they call back and take it on. */
export default function ReportDeath() {
  const cemeteries = useLoad(() => call(api.listCemeteries), 'cemeteries');
  const gate = useSignInGate();
  const today = cstDate(new Date().toISOString());
  const [form, setForm] = useState({
    cemetery: '',
    deceasedName: '',
    idNumber: '',
    deathDate: today,
    place: '',
    relation: '',
    contactPhone: '',
    note: '',
  });
  type Key = keyof typeof form;
  const set = (key: Key) => (value: string | number) => setForm((f) => ({ ...f, [key]: value }));
  const idTyped = form.idNumber.trim();
  const idError = idTyped.length >= 18 && checkIdNumber(idTyped) ? '身份证号码有误，请核对' : undefined;
  const phoneError =
    form.contactPhone.length >= 11 && !MOBILE.test(form.contactPhone) ? '请填写 11 位手机号' : undefined;
  const ready =
    form.cemetery &&
    form.deceasedName.trim() &&
    idTyped.length === 18 &&
    !idError &&
    form.place.trim() &&
    form.relation.trim() &&
    MOBILE.test(form.contactPhone);
  const submit = useAction(async () => {
    const notice = await call(api.reportDeath, {
      body: {
        cemeteryId: form.cemetery,
        deceasedName: form.deceasedName.trim(),
        idNumber: idTyped,
        deathDate: form.deathDate,
        place: form.place.trim(),
        relation: form.relation.trim(),
        contactPhone: form.contactPhone,
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
      },
    });
    void Taro.redirectTo({ url: `/memorial/pages/notice/index?id=${notice.id}` });
  });
  const nameField: TextField<Key> = { key: 'deceasedName', id: 'mm-report-name', label: '逝者姓名', maxlength: 30 };
  const idField: TextField<Key> = {
    key: 'idNumber',
    id: 'mm-report-id',
    label: '逝者身份证号',
    type: 'idcard',
    maxlength: 18,
    placeholder: '18 位身份证号码',
    error: idError,
  };
  const contactFields: TextField<Key>[] = [
    { key: 'place', id: 'mm-report-place', label: '去世地点', maxlength: 100, placeholder: '如：家中、县人民医院' },
    {
      key: 'relation',
      id: 'mm-report-relation',
      label: '您与逝者的关系',
      maxlength: 20,
      placeholder: '如：儿子、女儿',
    },
    {
      key: 'contactPhone',
      id: 'mm-report-phone',
      label: '联系电话（代办员会打这个电话）',
      type: 'number',
      maxlength: 11,
      placeholder: '11 位手机号',
      error: phoneError,
    },
    { key: 'note', id: 'mm-report-note', label: '想告诉代办员的事（可不填）', maxlength: 200, multiline: true },
  ];
  const items = cemeteries.data?.items ?? [];
  return (
    <PageFrame title="在线报丧" className="memorial">
      <Text className="mm-note">
        家中有亲人离世，可在这里告知陵园代办员。代办员受理后会打电话联系您，协助办理后事，每一步进展都会通知您。
      </Text>
      <Text className="mm-note">身份证号加密保存，只显示首尾几位；报丧内容只有您和该陵园的代办员能看到。</Text>
      <ListState
        loading={cemeteries.loading && !cemeteries.data}
        error={cemeteries.error}
        empty={items.length === 0}
        onRetry={cemeteries.reload}
      >
        <Text className="kit-label">报丧给哪个陵园</Text>
        <View className="mm-chips" role="group" aria-label="报丧给哪个陵园">
          {items.map((c, index) => (
            <Chip
              key={c.id}
              id={`mm-report-cemetery-${index}`}
              on={c.id === form.cemetery}
              onClick={() => set('cemetery')(c.id)}
            >
              {c.name}
            </Chip>
          ))}
        </View>
        <TextFields fields={[nameField, idField]} form={form} set={set} />
        <DateRow
          id="mm-report-date"
          label="去世日期"
          value={form.deathDate}
          start={EARLIEST_DEATH_DATE}
          end={today}
          onChange={set('deathDate')}
        />
        <TextFields fields={contactFields} form={form} set={set} />
        <Button
          id="mm-report-submit"
          loading={submit.busy}
          disabled={!ready}
          onClick={() => gate.guard(() => void submit.run())}
        >
          提交报丧
        </Button>
        {submit.error ? <Notice ok={false}>{submit.error}</Notice> : null}
      </ListState>
      <Button kind="plain" id="mm-report-mine" onClick={() => go('notices/index')}>
        查看我的报丧
      </Button>
      {gate.sheet}
    </PageFrame>
  );
}
