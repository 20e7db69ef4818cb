import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { Badge, Chip, ListState, useLoad } from '../kit';
import { yuan } from './labels';
import type { Contribution } from './types';

const api = routes.insurance;

/** Month by month: base, employer and personal amounts, paid or in arrears. */
export function MonthRows({ items }: { items: readonly Contribution[] }) {
  return (
    <View className="ins-months">
      {items.map((item) => (
        <View key={item.period} className="ins-month">
          <Text className="ins-strong">{item.period}</Text>
          <Text className="ins-month__amounts">
            {`基数 ${yuan(item.baseFen)} · 单位 ${yuan(item.employerFen)} · 个人 ${yuan(item.personalFen)}`}
          </Text>
          <Badge tone={item.status === 'paid' ? 'ok' : 'wait'}>{item.status === 'paid' ? '已缴' : '欠缴'}</Badge>
        </View>
      ))}
    </View>
  );
}

/** 缴费记录 of one year, month by month, with the year's totals; the three latest years to pick. */
export function Contributions({ thisYear }: { thisYear: number }) {
  const [year, setYear] = useState(thisYear);
  const loaded = useLoad(() => call(api.listContributions, { query: { year } }), String(year));
  const items = loaded.data?.items ?? [];
  const totals = loaded.data?.totals;
  return (
    <View className="kit-card" id="ins-contributions">
      <Text className="kit-card__title">缴费记录</Text>
      <View className="ins-chips" role="group" aria-label="年份">
        {[thisYear, thisYear - 1, thisYear - 2].map((y) => (
          <Chip key={y} on={y === year} id={`ins-year-${y}`} onClick={() => setYear(y)}>
            {`${y} 年`}
          </Chip>
        ))}
      </View>
      {totals ? (
        <Text className="ins-line" id="ins-year-totals">
          {`已缴 ${totals.paidMonths} 个月，合计 ${yuan(totals.paidFen)}（单位 ${yuan(totals.employerFen)}，个人 ${yuan(totals.personalFen)}）`}
          {totals.arrearsMonths > 0 ? `；欠缴 ${totals.arrearsMonths} 个月 ${yuan(totals.arrearsFen)}` : ''}
        </Text>
      ) : null}
      <ListState
        loading={loaded.loading}
        error={loaded.error}
        empty={items.length === 0}
        emptyText={`${year} 年没有缴费记录`}
        emptyHint="缴费数据每月由医保中心同步，如有疑问请咨询服务大厅"
        onRetry={loaded.reload}
      >
        <MonthRows items={items} />
      </ListState>
    </View>
  );
}
