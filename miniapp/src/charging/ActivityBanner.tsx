import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../kit';
import type { ChargeView } from '@warmcity/shared/api/charging';
import { clock } from '../kit/time';

/** On 附近充电 and a site page: the reservation or charge under way, one tap from its page. */
export function ActivityBanner({ charge }: { charge: ChargeView | null | undefined }) {
  if (!charge) return null;
  const where = `${charge.site.name} ${charge.port.label}`;
  const text =
    charge.status === 'charging'
      ? `正在充电：${where}`
      : `已预约 ${where}，保留到 ${charge.holdExpiresAt ? clock(charge.holdExpiresAt) : ''}`;
  return (
    <View className="kit-card" id="ch-activity">
      <Text className="ch-line ch-strong">{text}</Text>
      <Button id="ch-open-current" onClick={() => void Taro.navigateTo({ url: '/charging/pages/charge/index' })}>
        {charge.status === 'charging' ? '查看充电' : '去充电'}
      </Button>
    </View>
  );
}
