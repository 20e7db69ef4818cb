import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OperationResponse, api } from '@warmcity/shared';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, ListState, Notice, PageFrame, WithParam, toast, useAction, useLoad } from '../../../kit';
import { statusNames, yuan } from '../../money';
import '../../payments.css';

type Order = OperationResponse<typeof api.payments.getOrder>;

// WeChat and Alipay pay through their own sheets; the BFF picks the one the resident signed in
// with. Everywhere else (H5, the demo, e2e) only the development provider exists, which the BFF
// refuses in production.
const devPayment = process.env.TARO_ENV !== 'weapp' && process.env.TARO_ENV !== 'alipay';

// my.tradePay resolves even when the resident backs out; these codes mean nothing was paid.
const ALIPAY_NOT_PAID = new Set(['4000', '6001', '6002']);

function PayOrder({ id }: { id: string }) {
  const loaded = useLoad(() => call(routes.payments.getOrder, { params: { id } }), id);
  const [paid, setPaid] = useState<Order | null>(null);
  const order = paid ?? loaded.data;
  const pay = useAction(async () => {
    const started = await call(routes.payments.startPayment, { params: { id } });
    if (started.provider === 'wechat') {
      await Taro.requestPayment(started.params);
      // The callback settles the order; show what the BFF knows now.
      setPaid(await call(routes.payments.getOrder, { params: { id } }));
    } else if (started.provider === 'alipay') {
      const result = await Taro.tradePay({ tradeNO: started.tradeNo });
      if (ALIPAY_NOT_PAID.has(String(result.response.resultCode))) return toast('支付未完成，可稍后再付');
      setPaid(await call(routes.payments.getOrder, { params: { id } }));
    } else {
      setPaid(await call(routes.payments.confirmDevPayment, { params: { id } }));
    }
    toast('支付成功', 'success');
  });

  const payable = order?.status === 'created' || order?.status === 'paying';
  return (
    <PageFrame title="支付订单" className="payments">
      <ListState loading={loaded.loading && !order} error={loaded.error} empty={false} onRetry={loaded.reload}>
        {order ? (
          <View className="kit-card" id="pay-order">
            <Text className="card__title">{order.description}</Text>
            {order.items.map((item) => (
              <View key={item.name} className="line">
                <Text>{item.name}</Text>
                <Text>{yuan(item.amountFen)}</Text>
              </View>
            ))}
            <View className="line total">
              <Text>合计</Text>
              <Text id="pay-total">{yuan(order.amountFen)}</Text>
            </View>
            {order.refundedFen > 0 ? (
              <View className="line">
                <Text>已退款（原路退回）</Text>
                <Text>{yuan(order.refundedFen)}</Text>
              </View>
            ) : null}
            <View className="line">
              <Text>状态</Text>
              <Text id="pay-status">{statusNames[order.status] ?? order.status}</Text>
            </View>
          </View>
        ) : null}
      </ListState>
      {devPayment ? <Text className="dev-banner">开发环境模拟支付：不会产生真实扣款，正式环境不提供</Text> : null}
      {pay.error ? (
        <Notice ok={false} id="pay-error">
          {pay.error}
        </Notice>
      ) : null}
      {payable ? (
        <Button id="pay-confirm" loading={pay.busy} onClick={() => void pay.run()}>
          确认支付
        </Button>
      ) : null}
    </PageFrame>
  );
}

export default function PayOrderPage() {
  return (
    <WithParam name="id" title="支付订单">
      {(id) => <PayOrder id={id} />}
    </WithParam>
  );
}
