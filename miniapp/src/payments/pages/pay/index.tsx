import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { OperationResponse, api } from '@warmcity/shared';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { PageShell } from '../../../components/PageShell';
import { ListState } from '../../../components/states';
import { statusNames, yuan } from '../../money';
import '../../payments.css';

type Order = OperationResponse<typeof api.payments.getOrder>;

// WeChat pays through its own sheet; everywhere else (H5, the demo, e2e) only the development
// provider exists, which the BFF refuses in production.
const provider = process.env.TARO_ENV === 'weapp' ? 'wechat' : 'dev';

export default function PayOrder() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [order, setOrder] = useState<Order | null>(null);
  const [error, setError] = useState<{ message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => {
    setError(null);
    call(routes.payments.getOrder, { params: { id } })
      .then(setOrder)
      .catch((e: Error) => setError(e));
  };
  useEffect(load, [id]);

  const pay = async () => {
    setBusy(true);
    try {
      const started = await call(routes.payments.startPayment, { params: { id }, body: { provider } });
      if (started.provider === 'wechat') {
        await Taro.requestPayment(started.params);
        // The callback settles the order; show what the BFF knows now.
        setOrder(await call(routes.payments.getOrder, { params: { id } }));
      } else {
        setOrder(await call(routes.payments.confirmDevPayment, { params: { id } }));
      }
      await Taro.showToast({ title: '支付成功', icon: 'success' });
    } catch (e) {
      await Taro.showToast({ title: (e as Error).message || '支付未完成', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const payable = order?.status === 'created' || order?.status === 'paying';
  return (
    <PageShell className="payments">
      <ListState loading={!order} error={error} empty={false} onRetry={load}>
        {order ? (
          <View className="card" id="pay-order">
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
      {provider === 'dev' ? (
        <Text className="dev-banner">开发环境模拟支付：不会产生真实扣款，正式环境不提供</Text>
      ) : null}
      {payable ? (
        <Button className="primary" id="pay-confirm" loading={busy} disabled={busy} onClick={() => void pay()}>
          确认支付
        </Button>
      ) : null}
    </PageShell>
  );
}
