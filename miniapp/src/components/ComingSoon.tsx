import { Text, View } from '@tarojs/components';
import { featureByKey, type Feature } from '../features';
import { Button, goHome, PageFrame } from '../kit';
import './ComingSoon.css';

/** Placeholder for a feature whose issue has not landed yet. */
export function ComingSoon({ feature: key }: { feature: Feature['key'] }) {
  const feature = featureByKey(key);
  return (
    <PageFrame title={feature.name} className="soon">
      <View className={`soon__badge tone-${feature.tone}`} aria-hidden="true">
        {feature.glyph}
      </View>
      <Text className="soon__title">{feature.name}</Text>
      <Text className="soon__summary">{feature.summary}</Text>
      <View className="soon__tag">即将上线</View>
      <Text className="soon__note">我们正在用心准备这项服务，上线后会第一时间在首页与您见面。</Text>
      <Button kind="secondary" onClick={goHome}>
        返回首页
      </Button>
    </PageFrame>
  );
}
