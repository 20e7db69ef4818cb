import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { ListState, LoadMore, usePagedList } from '../../../kit';
import { dateTime } from '../../../kit/time';
import { chargeCostText, energyText, minutesText } from '../../format';
import { endReasonText } from '../../labels';
import { PayButton, PaymentBadge, billText } from '../../SessionSummary';
import { SignedInPage } from '../../SignedInPage';
import '../../charging.css';

const api = routes.charging;

/** 我的充电记录: each charge with its minutes, energy and cost, and 待支付 linking to the pay page. */
function Records() {
  const records = usePagedList(
    (cursor) => call(api.listMyCharges, { query: { include: 'sessions', ...(cursor ? { cursor } : {}) } }),
    'records',
  );
  return (
    <ListState
      loading={records.loading}
      error={records.error}
      empty={records.items.length === 0}
      emptyText="还没有充电记录"
      emptyAction={{
        label: '找附近的充电站',
        onClick: () => void Taro.redirectTo({ url: '/charging/pages/index/index' }),
      }}
      onRetry={records.reload}
    >
      {records.items.map((charge) => (
        <View key={charge.id} className="kit-card ch-record">
          <View className="ch-head">
            <Text className="kit-card__title">
              {charge.site.name} {charge.port.label}
            </Text>
            {charge.status === 'charging' ? <Text className="ch-free">充电中</Text> : <PaymentBadge charge={charge} />}
          </View>
          <Text className="ch-line">
            {charge.startedAt ? `${dateTime(charge.startedAt)} 开始` : ''}
            {charge.endReason ? ` · ${endReasonText[charge.endReason]}` : ''}
          </Text>
          <View className="ch-row">
            <Text>
              {minutesText(charge.minutes)} · {charge.energyWh === null ? '电量未上报' : energyText(charge.energyWh)}
            </Text>
            <Text className="ch-strong ch-record__cost">{chargeCostText(charge)}</Text>
          </View>
          {charge.pricePerMinuteFen > 0 ? <Text className="ch-line">{billText(charge)}</Text> : null}
          <PayButton charge={charge} />
        </View>
      ))}
      <LoadMore list={records} />
    </ListState>
  );
}

export default function RecordsPage() {
  return (
    <SignedInPage title="我的充电记录" prompt="登录后查看充电记录">
      {() => <Records />}
    </SignedInPage>
  );
}
