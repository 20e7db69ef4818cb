import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { DateRow, ListState, useLoad } from '../kit';
import { cstDate, cstMidnight } from '../kit/time';

const api = routes.memorial;

function Figure({ n, label }: { n: number | string; label: string }) {
  return (
    <View className="mm-total">
      <Text className="mm-total__n">{n}</Text>
      <Text className="mm-total__label">{label}</Text>
    </View>
  );
}

/** 今日数据, a desk of the staff page: the cemetery's day, any day of the past year. */
export function StaffFigures({ cemeteryId }: { cemeteryId: string }) {
  const today = cstDate(new Date().toISOString());
  const [date, setDate] = useState(today);
  const figures = useLoad(
    () => call(api.staffDailyFigures, { params: { id: cemeteryId }, query: { date } }),
    `${cemeteryId}:${date}`,
  );
  const f = figures.data;
  return (
    <View className="kit-card" id="mm-figures">
      <Text className="kit-card__title">{date === today ? '今日数据' : `${date} 数据`}</Text>
      <DateRow
        id="mm-figures-date"
        label="日期"
        value={date}
        start={cstDate(cstMidnight(today, -365))}
        end={today}
        onChange={setDate}
      />
      <ListState loading={figures.loading && !f} error={figures.error} empty={false} onRetry={figures.reload}>
        {f ? (
          <View>
            <Text className="mm-note">
              祭扫（献花 {f.tributes.flower} · 点烛 {f.tributes.candle} · 上香 {f.tributes.incense}）
            </Text>
            <View className="mm-totals">
              <Figure n={f.tributes.all} label="祭扫总数" />
              <Figure n={f.messages.approved} label="寄语已显示" />
              <Figure n={f.messages.held} label="寄语待审" />
            </View>
            <View className="mm-totals">
              <Figure n={f.orders.placed} label="新订单" />
              <Figure n={f.orders.completed} label="已完成" />
              <Figure n={f.orders.cancelled} label="已取消" />
            </View>
            <Text className="mm-note">完成订单收入 ¥{(f.orders.revenueFen / 100).toFixed(2)}</Text>
            <View className="mm-totals">
              <Figure n={f.visits.booked} label="入园预约" />
              <Figure n={f.visits.checkedIn} label="已入园" />
              <Figure n={`${f.visits.personsCheckedIn}/${f.visits.persons}`} label="入园人数" />
            </View>
          </View>
        ) : null}
      </ListState>
    </View>
  );
}
