import { Switch, Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { useElderMode } from '../../elder/useElderMode';
import './index.css';

export default function Mine() {
  const [elder, setElder] = useElderMode();
  return (
    <PageShell className='mine'>
      {/* Account area: sign-in, bound identity and roles arrive with the accounts issue. */}
      <View className='account'>
        <View className='account__avatar'>暖</View>
        <View className='account__text'>
          <Text className='account__name'>居民朋友</Text>
          <Text className='account__hint'>登录功能即将上线，登录后可查看预约与医保信息</Text>
        </View>
      </View>

      <View className='group'>
        <View className='row'>
          <View className='row__text'>
            <Text className='row__title'>大字模式</Text>
            <Text className='row__desc'>放大全部页面文字，看得更清楚</Text>
          </View>
          <Switch
            className='row__switch'
            id='elder-switch'
            checked={elder}
            color='#D9622B'
            onChange={(e) => setElder(Boolean(e.detail.value))}
          />
        </View>
      </View>

      <View className='group'>
        <View className='row'>
          <Text className='row__title'>关于暖城服务</Text>
          <Text className='row__value'>v0.1.0</Text>
        </View>
      </View>
    </PageShell>
  );
}
