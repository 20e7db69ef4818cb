import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import {
  Badge,
  Button,
  DateRow,
  Empty,
  Notice,
  PageFrame,
  SelectRow,
  TextRow,
  confirm,
  toast,
  useAction,
} from '../../../kit';
import { cstDate, cstMidnight, dateTime } from '../../../kit/time';
import { Insured } from '../../Insured';
import { kindText } from '../../labels';
import type { Filing } from '../../types';
import '../../insurance.css';

const api = routes.insurance;
const kinds = ['temporary-travel', 'long-term-residence', 'referral'] as const;
const kindHint: Record<(typeof kinds)[number], string> = {
  'temporary-travel': '出差、旅游、探亲等临时外出，最长 180 天',
  'long-term-residence': '退休异地安置、异地长期居住或工作',
  referral: '经参保地医院转往外地就医，最长 90 天',
};

function FilingCard({ filing, onChanged }: { filing: Filing; onChanged: () => void }) {
  const cancel = useAction(async () => {
    await call(api.cancelFiling, { params: { id: filing.id } });
    toast('已撤销备案', 'success');
    onChanged();
  });
  const ask = async () => {
    const yes = await confirm({
      title: '撤销备案',
      content: `撤销后在${filing.destination}就医将不能直接结算，确定撤销吗？`,
      confirmText: '确定撤销',
      danger: true,
    });
    if (yes) await cancel.run();
  };
  return (
    <View className="kit-card ins-filing" id={`ins-filing-${filing.id}`}>
      <Text className="kit-card__title">{filing.destination}</Text>
      <Text className="ins-line">{`${kindText[filing.kind]} · ${filing.validFrom} 至 ${filing.validTo}`}</Text>
      <Text className="ins-line">{`备案时间 ${dateTime(filing.filedAt)}`}</Text>
      <View className="ins-actions">
        <Badge tone={filing.status === 'active' ? 'ok' : 'off'}>{filing.status === 'active' ? '有效' : '已撤销'}</Badge>
        {filing.status === 'active' ? (
          <Button kind="danger" id="ins-filing-cancel" loading={cancel.busy} onClick={() => void ask()}>
            撤销备案
          </Button>
        ) : null}
      </View>
      {cancel.error ? <Notice ok={false}>{cancel.error}</Notice> : null}
    </View>
  );
}

function ApplyForm({ onFiled }: { onFiled: () => void }) {
  const today = cstDate(new Date().toISOString());
  const [destination, setDestination] = useState('');
  const [kind, setKind] = useState(0);
  const [validFrom, setValidFrom] = useState(today);
  const [validTo, setValidTo] = useState(cstDate(cstMidnight(today, 30)));
  const datesBad = validTo < validFrom ? '结束日期不能早于开始日期' : undefined;
  const apply = useAction(async () => {
    await call(api.applyFiling, {
      body: { destination: destination.trim(), kind: kinds[kind]!, validFrom, validTo },
    });
    setDestination('');
    toast('备案成功', 'success');
    onFiled();
  });
  return (
    <View className="kit-card" id="ins-filing-form">
      <Text className="kit-card__title">申请异地就医备案</Text>
      <Text className="ins-line">备案后在备案地的定点医院就医可直接结算，无需先垫付再报销。</Text>
      <TextRow
        id="ins-destination"
        label="就医地"
        placeholder="如：上海市 或 杭州市西湖区"
        value={destination}
        maxlength={60}
        onChange={setDestination}
      />
      <SelectRow label="备案类型" options={kinds} text={(k) => kindText[k]} selected={kind} onSelect={setKind} />
      <Text className="ins-line">{kindHint[kinds[kind]!]}</Text>
      <DateRow label="开始日期" id="ins-valid-from" value={validFrom} start={today} onChange={setValidFrom} />
      <DateRow
        label="结束日期"
        id="ins-valid-to"
        value={validTo}
        start={validFrom}
        onChange={setValidTo}
        error={datesBad}
      />
      {apply.error ? (
        <Notice ok={false} id="ins-filing-error">
          {apply.error}
        </Notice>
      ) : null}
      <Button
        id="ins-filing-submit"
        loading={apply.busy}
        disabled={destination.trim().length === 0 || datesBad !== undefined}
        onClick={() => void apply.run()}
      >
        提交备案
      </Button>
    </View>
  );
}

/** 异地就医备案: my filings (cancel an active one), and a new application; an overlap with an
 * active filing comes back as the BFF's own message. */
export default function Filings() {
  return (
    <PageFrame title="异地就医备案" className="insurance">
      <Insured load={() => call(api.listFilings)}>
        {({ items }, reload) => (
          <View>
            {items.length === 0 ? <Empty text="还没有备案" hint="到外地就医前备案，可直接结算" /> : null}
            {items.map((filing) => (
              <FilingCard key={`${filing.id}:${filing.status}`} filing={filing} onChanged={reload} />
            ))}
            <ApplyForm onFiled={reload} />
          </View>
        )}
      </Insured>
    </PageFrame>
  );
}
