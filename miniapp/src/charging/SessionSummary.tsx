import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ChargeView } from '@warmcity/shared/api/charging';
import { Badge, Button } from '../kit';
import { chargeCostText, costText, energyText, minutesText, yuanDigits } from './format';

const payUrl = (orderId: string) => `/payments/pages/pay/index?id=${orderId}`;

/** An order still to pay: a paid session that ended. Free sites and zero cost have none. */
const unpaidOrder = (charge: ChargeView) => (charge.payment?.status === 'unpaid' ? charge.payment.orderId : null);

/** 免费 / 已支付 / 待支付: a free site never shows anything about paying. */
export function PaymentBadge({ charge }: { charge: ChargeView }) {
  if (charge.costFen === 0) return <Badge tone="ok">免费</Badge>;
  if (charge.payment?.status === 'paid') return <Badge tone="ok">已支付</Badge>;
  return <Badge tone="wait">待支付</Badge>;
}

/** The pay step, only where there is an order to pay. */
export function PayButton({ charge, id }: { charge: ChargeView; id?: string }) {
  const orderId = unpaidOrder(charge);
  if (!orderId) return null;
  return (
    <Button id={id} onClick={() => void Taro.navigateTo({ url: payUrl(orderId) })}>
      去支付 {costText(charge.costFen)}
    </Button>
  );
}

/** The bill as a resident checks it: minutes × price, the product exact to the fen. */
export const billText = (charge: ChargeView) =>
  charge.pricePerMinuteFen === 0
    ? '免费充电'
    : `${charge.minutes} 分钟 × ${yuanDigits(charge.pricePerMinuteFen)} 元 = ${costText(charge.costFen)}`;

export function SessionSummary({ charge }: { charge: ChargeView }) {
  return (
    <View className="kit-card" id="ch-summary">
      <View className="ch-head">
        <Text className="kit-card__title">本次充电已结束</Text>
        <PaymentBadge charge={charge} />
      </View>
      <View className="ch-figures">
        <Figure n={minutesText(charge.minutes)} label="充电时长" />
        <Figure n={charge.energyWh === null ? '—' : energyText(charge.energyWh)} label="用电量" />
        <Figure n={chargeCostText(charge)} label="费用" id="ch-summary-cost" />
      </View>
      <Text className="ch-line">{billText(charge)}</Text>
      <PayButton charge={charge} id="ch-pay" />
    </View>
  );
}

export function Figure({ n, label, id }: { n: string; label: string; id?: string }) {
  return (
    <View className="ch-figure">
      <Text className="ch-figure__n" id={id}>
        {n}
      </Text>
      <Text className="ch-figure__label">{label}</Text>
    </View>
  );
}
