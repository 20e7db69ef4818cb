import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { OperationResponse, api } from '@warmcity/shared';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { LinkRow, ListState, PageFrame, SignInPrompt, useLoad } from '../../../kit';
import { dateTime } from '../../../kit/time';
import { useSession } from '../../../session/useSession';
import { statusNames, yuan } from '../../money';
import '../../payments.css';

type Order = OperationResponse<typeof api.payments.getOrder>;

// An unpaid order's deadline is what matters; once paid, when it was.
const whenOf = (order: Order) => {
  if (order.status === 'created' || order.status === 'paying')
    return `${yuan(order.amountFen)} · 请于 ${dateTime(order.expiresAt)} 前支付`;
  if (order.paidAt) return `${yuan(order.amountFen)} · 支付于 ${dateTime(order.paidAt)}`;
  return yuan(order.amountFen);
};

/** My orders, newest first: an unpaid one opens its pay page, any other shows what became of it. */
function Orders() {
  const orders = useLoad(() => call(routes.payments.listMyOrders), 'mine');
  const items = orders.data?.items ?? [];
  return (
    <ListState
      loading={orders.loading && !orders.data}
      error={orders.error}
      empty={items.length === 0}
      emptyText="还没有订单"
      emptyHint="使用收费服务后，订单会出现在这里"
      onRetry={orders.reload}
    >
      <View className="kit-group" id="orders-list">
        {items.map((order) => (
          <LinkRow
            key={order.id}
            id={`order-${order.id}`}
            title={order.description}
            desc={whenOf(order)}
            value={statusNames[order.status] ?? order.status}
            onClick={() => void Taro.navigateTo({ url: `/payments/pages/pay/index?id=${order.id}` })}
          />
        ))}
      </View>
    </ListState>
  );
}

export default function OrdersPage() {
  const session = useSession();
  return (
    <PageFrame title="我的订单" className="payments">
      {session.status === 'signed-in' ? <Orders /> : <SignInPrompt text="登录后查看我的订单" />}
    </PageFrame>
  );
}
