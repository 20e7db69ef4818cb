import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import type { OperationResponse, api as contract } from '@warmcity/shared';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import {
  Button,
  Chip,
  Empty,
  FormRow,
  Notice,
  PageFrame,
  TextRow,
  focusable,
  useAction,
  useSignInGate,
} from '../../../kit';
import { go, lifeDates } from '../../labels';
import '../../memorial.css';

type Graves = OperationResponse<(typeof contract)['memorial']['findGraves']>['items'];
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 墓位查询: by the plot certificate, or by name and death date for graves I belong to. */
export default function FindGraves() {
  const [by, setBy] = useState<'certificate' | 'name'>('certificate');
  const [certificate, setCertificate] = useState('');
  const [name, setName] = useState('');
  const [deathDate, setDeathDate] = useState('');
  const [graves, setGraves] = useState<Graves | null>(null);
  const gate = useSignInGate();
  const search = useAction(async () => {
    const query =
      by === 'certificate'
        ? { certificateNumber: certificate.trim() }
        : { name: name.trim(), ...(deathDate ? { deathDate } : {}) };
    setGraves((await call(routes.memorial.findGraves, { query })).items);
  });
  const ready = by === 'certificate' ? certificate.trim().length > 0 : name.trim().length > 0;
  const run = () => (by === 'certificate' ? gate.guard(() => void search.run()) : void search.run());

  return (
    <PageFrame title="墓位查询" className="memorial">
      <View className="mm-chips" role="group" aria-label="查询方式">
        <Chip on={by === 'certificate'} onClick={() => (setBy('certificate'), setGraves(null))}>
          按墓位证
        </Chip>
        <Chip on={by === 'name'} onClick={() => (setBy('name'), setGraves(null))}>
          按姓名
        </Chip>
      </View>
      {by === 'certificate' ? (
        <TextRow
          id="mm-grave-certificate"
          label="墓位证编号"
          value={certificate}
          onChange={setCertificate}
          maxlength={40}
        />
      ) : (
        <>
          <TextRow id="mm-grave-name" label="逝者姓名" value={name} onChange={setName} maxlength={30} />
          <FormRow label="逝世日期（查亲属墓位时必填）">
            <Picker
              mode="date"
              value={deathDate || '2000-01-01'}
              start="1900-01-01"
              end={today()}
              onChange={(e) => setDeathDate(e.detail.value)}
            >
              <View className="kit-input kit-select" role="button" {...focusable}>
                <Text className="kit-select__text">{deathDate || '请选择'}</Text>
              </View>
            </Picker>
          </FormRow>
          <Text className="mm-note">不填日期时只查公开的英烈纪念馆。</Text>
        </>
      )}
      <Button id="mm-grave-search" loading={search.busy} disabled={!ready} onClick={run}>
        查询
      </Button>
      {search.error ? <Notice ok={false}>{search.error}</Notice> : null}
      {graves?.length === 0 ? <Empty text="没有找到相符的墓位" hint="请核对墓位证编号，或姓名与逝世日期" /> : null}
      {(graves ?? []).map((grave) => (
        <View key={grave.id} className="kit-card">
          <Text className="kit-card__title">{grave.name}</Text>
          <Text className="mm-note">{lifeDates(grave.birthDate, grave.deathDate)}</Text>
          <Text className="mm-body">
            {grave.cemetery.name} {grave.plot.area} {grave.plot.row} 排 {grave.plot.number} 号
          </Text>
          {grave.plot.wayfinding ? <Text className="mm-note">怎么走：{grave.plot.wayfinding}</Text> : null}
          <Button kind="secondary" onClick={() => go(`memorial/index?code=${grave.code}`)}>
            进入纪念馆
          </Button>
        </View>
      ))}
      {gate.sheet}
    </PageFrame>
  );
}
