import { Text } from '@tarojs/components';
import type { ServiceOrderView } from '@warmcity/shared/api/memorial-orders';
import { orderStateNames, yuan } from './labels';

/** What an order is, for whom, where and when: the same lines for the family and for staff, who
 * each add what only they need (a refund, the time it was placed). */
export function OrderHeading({ order, more = '' }: { order: ServiceOrderView; more?: string }) {
  return (
    <>
      <Text className="kit-card__title">
        {order.package.name} · {orderStateNames[order.state]}
      </Text>
      <Text className="mm-body">
        {order.memorial.name} · {order.plot.area} {order.plot.row} 排 {order.plot.number} 号
      </Text>
      <Text className="mm-note">
        服务日期 {order.date} · {yuan(order.package.priceFen)}
        {more}
      </Text>
    </>
  );
}
