import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Badge, Button, Empty, ListState, PageFrame, SignInPrompt, WithParam, focusable, useLoad } from '../../../kit';
import { cstDate, cstMidnight } from '../../../kit/time';
import { useSession } from '../../../session/useSession';
import { statusNames, yuan } from '../../money';
import '../../payments.css';

const statusTone: Record<string, 'ok' | 'wait' | 'brand'> = { paid: 'ok', refunded: 'wait', refunding: 'wait' };

/** One merchant scope's China-time day: what was ordered, paid, given back, and the net. */
function DayStatement({ scope }: { scope: string }) {
  const today = cstDate(new Date().toISOString());
  const [date, setDate] = useState(today);
  const statement = useLoad(
    () => call(routes.payments.statement, { params: { scope }, query: { date } }),
    `${scope}:${date}`,
  );
  const data = statement.data?.date === date ? statement.data : null;
  const shift = (days: number) => setDate(cstDate(cstMidnight(date, days)));
  return (
    <>
      <Picker
        mode="date"
        value={date}
        start={cstDate(cstMidnight(today, -366))}
        end={today}
        onChange={(e) => setDate(String(e.detail.value))}
      >
        <View className="kit-input kit-select statement__date" role="button" {...focusable} aria-label="选择日期">
          <Text id="statement-date">{date}</Text>
          {date === today ? <Text className="statement__today">今天</Text> : null}
        </View>
      </Picker>
      <View className="kit-row statement__days">
        <Button kind="secondary" id="statement-prev" onClick={() => shift(-1)}>
          前一天
        </Button>
        <Button kind="secondary" id="statement-next" disabled={date >= today} onClick={() => shift(1)}>
          后一天
        </Button>
      </View>
      <ListState loading={!data} error={statement.error} empty={false} onRetry={statement.reload}>
        {data ? (
          <>
            <View className="kit-card" id="statement-summary">
              <View className="line">
                <Text>订单</Text>
                <Text id="statement-count">{data.orders.length} 笔</Text>
              </View>
              <View className="line">
                <Text>实收</Text>
                <Text id="statement-paid">{yuan(data.paidFen)}</Text>
              </View>
              <View className="line">
                <Text>退款（原路退回）</Text>
                <Text id="statement-refunded">{yuan(data.refundedFen)}</Text>
              </View>
              <View className="line total">
                <Text>净收入</Text>
                <Text id="statement-net">{yuan(data.netFen)}</Text>
              </View>
            </View>
            {data.orders.length === 0 ? <Empty text="当天没有订单" hint="可切换到其他日期查看" /> : null}
            {data.orders.map((order) => (
              <View key={order.id} className="kit-card statement__order" id={`statement-order-${order.id}`}>
                <View className="line">
                  <Text className="card__title">{order.description}</Text>
                  <Badge tone={statusTone[order.status] ?? 'brand'}>{statusNames[order.status] ?? order.status}</Badge>
                </View>
                <View className="line">
                  <Text>应付 {yuan(order.amountFen)}</Text>
                  <Text>
                    {/* The day's movements: an order paid earlier and refunded today reads 当日实收 ¥0.00. */}
                    当日实收 {yuan(order.paidFen)}
                    {order.refundedFen > 0 ? `，当日退款 ${yuan(order.refundedFen)}` : ''}
                  </Text>
                </View>
              </View>
            ))}
          </>
        ) : null}
      </ListState>
    </>
  );
}

/** Reached from 工作台 with `?scope=<place id>`; the place's kind comes from the staff member's own
 * scopes, so a place they do not operate shows nothing to try. */
function StatementFor({ placeId }: { placeId: string }) {
  const session = useSession();
  if (session.status !== 'signed-in') return <SignInPrompt text="登录后查看收款日报" />;
  const scope = session.account.staffScopes.find((s) => s.id === placeId);
  if (!scope) return <Empty text="没有该场所的工作权限" hint="请联系管理员授予" />;
  return <DayStatement scope={`${scope.kind}:${scope.id}`} />;
}

export default function StatementPage() {
  return (
    <WithParam name="scope" title="收款日报">
      {(placeId) => (
        <PageFrame title="收款日报" className="payments">
          <StatementFor placeId={placeId} />
        </PageFrame>
      )}
    </WithParam>
  );
}
