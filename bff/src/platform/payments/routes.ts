import { api } from '@warmcity/shared';
import { implement } from '../implement';
import { problem } from '../problem';
import { handleAlipayNotify } from './alipay-notify';
import { devPaymentsEnabled } from './gateways';
import { myOrders, ownOrder, settlePaid, startPayment } from './orders';
import { dailyStatement } from './statement';
import { orderView } from './views';
import { handleWechatNotification } from './wechat-notify';

export const paymentsRoutes = implement(api.payments, {
  listMyOrders: async ({ user, deps }) => ({ items: (await myOrders(deps, user.id)).map(orderView) }),
  getOrder: async ({ params, user, deps }) => orderView(await ownOrder(deps, user.id, params.id)),
  startPayment: async ({ params, user, deps }) => {
    const { order, params: payParams } = await startPayment(deps, user.id, params.id);
    if (order.provider === 'wechat') return { provider: 'wechat', order: orderView(order), params: payParams as never };
    if (order.provider === 'alipay')
      return { provider: 'alipay', order: orderView(order), ...(payParams as { tradeNo: string }) };
    return { provider: 'dev', order: orderView(order) };
  },
  // DEVELOPMENT ONLY: the dev page stands in for the platform's callback, so it is refused
  // wherever real money moves.
  confirmDevPayment: async ({ params, user, deps }) => {
    if (!devPaymentsEnabled(deps.config)) throw problem('PAYMENT_PROVIDER_UNAVAILABLE');
    const order = await ownOrder(deps, user.id, params.id);
    if (order.status !== 'paying' || order.provider !== 'dev') throw problem('ORDER_NOT_PAYABLE');
    const outcome = await settlePaid(deps, params.id, {
      state: 'paid',
      amountFen: order.amountFen,
      tradeNo: `dev-${params.id}`,
    });
    if (outcome !== 'paid') throw problem('ORDER_NOT_PAYABLE');
    return orderView(await ownOrder(deps, user.id, params.id));
  },
  wechatNotify: async ({ body, ctx, deps }) => {
    await handleWechatNotification(deps, ctx, body);
    return undefined;
  },
  alipayNotify: async ({ body, deps }) => {
    await handleAlipayNotify(deps, body);
    return 'success' as const;
  },
  statement: ({ params, query, user, deps }) => dailyStatement(deps, user, params.scope, query.date),
});
