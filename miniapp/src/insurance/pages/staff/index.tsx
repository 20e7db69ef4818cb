import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, Empty, Notice, PageFrame, SelectRow, TextRow, useAction } from '../../../kit';
import { CaseCard } from '../../CaseCard';
import { MonthRows } from '../../Contributions';
import { kindText, purposeText, statusText, typeText, yuan } from '../../labels';
import type { StaffPersonView } from '../../types';
import '../../insurance.css';

const purposes = Object.keys(purposeText) as (keyof typeof purposeText)[];

function PersonRecord({ view }: { view: StaffPersonView }) {
  const { person, thisYear, arrears } = view;
  return (
    <View id="ins-staff-record">
      <View className="kit-card">
        <Text className="kit-card__title">{`${person.maskedName} ${person.maskedIdNumber}`}</Text>
        <Text className="ins-line">
          {`${typeText[person.insuranceType]} · ${statusText[person.status]} · ${person.region} · ${person.since} 起参保`}
        </Text>
        <Text className="ins-line">{`${thisYear.year} 年已缴 ${thisYear.paidMonths} 个月，合计 ${yuan(thisYear.paidFen)}`}</Text>
        {arrears.periods.length > 0 ? (
          <Notice ok={false}>{`欠缴 ${arrears.periods.join('、')}，共 ${yuan(arrears.amountFen)}`}</Notice>
        ) : null}
        <MonthRows items={view.contributions} />
      </View>
      {view.maternity.map((item) => (
        <CaseCard key={item.id} item={item} />
      ))}
      {view.filings.map((filing) => (
        <View key={filing.id} className="kit-card">
          <Text className="kit-card__title">{`异地就医备案：${filing.destination}`}</Text>
          <Text className="ins-line">
            {`${kindText[filing.kind]} · ${filing.validFrom} 至 ${filing.validTo} · ${filing.status === 'active' ? '有效' : '已撤销'}`}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** 工作人员查询: a person of the clerk's hall's region, by ID number, for a stated purpose. The
 * person sees each view in their 查询记录. */
export default function StaffLookup() {
  const [idNumber, setIdNumber] = useState('');
  const [purpose, setPurpose] = useState(0);
  const [note, setNote] = useState('');
  const [view, setView] = useState<StaffPersonView | null>(null);
  const lookup = useAction(async () => {
    setView(null);
    setView(
      await call(routes.insurance.staffLookup, {
        body: { idNumber: idNumber.trim(), purpose: { code: purposes[purpose]!, note: note.trim() } },
      }),
    );
    // The number is not kept on the counter's screen once the record is shown.
    setIdNumber('');
  });
  return (
    <PageFrame title="参保信息查询" className="insurance">
      <View className="kit-card">
        <Text className="ins-line">只能查询本大厅所属辖区的参保人。每次查询都会记录用途，参保人本人可以看到。</Text>
        <TextRow
          id="ins-staff-id"
          label="参保人身份证号"
          type="idcard"
          maxlength={18}
          placeholder="18 位身份证号"
          value={idNumber}
          onChange={setIdNumber}
        />
        <SelectRow
          label="查询用途"
          options={purposes}
          text={(p) => purposeText[p]}
          selected={purpose}
          onSelect={setPurpose}
        />
        <TextRow
          id="ins-staff-note"
          label="用途说明"
          placeholder="如：为参保人打印缴费证明"
          value={note}
          maxlength={100}
          onChange={setNote}
        />
        {lookup.error ? <Notice ok={false}>{lookup.error}</Notice> : null}
        <Button
          id="ins-staff-submit"
          loading={lookup.busy}
          disabled={!/^\d{17}[\dXx]$/.test(idNumber.trim()) || note.trim().length === 0}
          onClick={() => void lookup.run()}
        >
          查询
        </Button>
      </View>
      {view ? <PersonRecord view={view} /> : <Empty text="输入身份证号和用途后查询" />}
    </PageFrame>
  );
}
