import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useElderMode } from '../../elder/useElderMode';
import { Badge, focusable, LinkRow, PageFrame } from '../../kit';
import { unreadText, useUnreadBadge } from '../../push/badge';
import { useSession } from '../../session/useSession';
import { cstHour } from '../../kit/time';
import { featureUrl, features } from '../../features';
import './index.css';

function greeting(hour: number): string {
  if (hour < 6) return '夜深了';
  if (hour < 11) return '早上好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export default function Home() {
  const [elder] = useElderMode();
  const unread = useUnreadBadge(useSession().status === 'signed-in');
  return (
    <PageFrame title="暖城服务" tab className="home">
      <View className="home__hero">
        <Text className="home__hello">{greeting(cstHour())}，欢迎来到暖城</Text>
        <Text className="home__sub">身边的民生服务，一站办理</Text>
      </View>

      {unread > 0 ? (
        <View className="kit-group home__unread">
          <LinkRow
            id="home-unread"
            title="消息"
            desc="候补成功、上课提醒、课程变动"
            value={`${unreadText(unread)} 条未读`}
            onClick={() => void Taro.navigateTo({ url: '/notifications/pages/inbox/index' })}
          />
        </View>
      ) : null}

      <View className="home__section-title">便民服务</View>
      <View className="home__grid">
        {features.map((feature) => (
          <View
            key={feature.key}
            className="tile"
            hoverClass="tile--pressed"
            role="button"
            {...focusable}
            onClick={() => Taro.navigateTo({ url: featureUrl(feature.key) })}
          >
            <View className={`tile__icon tone-${feature.tone}`} aria-hidden="true">
              {feature.glyph}
            </View>
            <Text className="tile__name">{feature.name}</Text>
            <View className="tile__state">
              {feature.live ? <Badge tone="ok">已开通</Badge> : <Badge tone="off">即将上线</Badge>}
            </View>
            <Text className="tile__summary">{feature.summary}</Text>
          </View>
        ))}
      </View>

      {elder ? null : (
        <View className="home__tip">
          <Text className="home__tip-title">温馨提示</Text>
          <Text className="home__tip-text">字太小看不清？到「我的」打开大字模式。</Text>
        </View>
      )}
    </PageFrame>
  );
}
