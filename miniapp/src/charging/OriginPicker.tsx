import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { Button, Chip, Notice, useLoad } from '../kit';
import { locate, savedTown, townOrigin, type Origin } from './location';

/** Where 附近充电 measures from: nothing is asked until the resident taps 使用我的位置, and a
 * town picked once (after a refusal, or instead) is remembered. */
export function useOrigin() {
  const [origin, setOrigin] = useState<Origin | null>(savedTown);
  const [locating, setLocating] = useState(false);
  const [refused, setRefused] = useState(false);

  const locateMe = async () => {
    setLocating(true);
    setRefused(false);
    const here = await locate();
    setLocating(false);
    if (here) setOrigin({ kind: 'here', ...here });
    else setRefused(true);
  };
  return { origin, setOrigin, locating, refused, locateMe };
}

export function OriginPicker({ picker }: { picker: ReturnType<typeof useOrigin> }) {
  const { origin, setOrigin, locating, refused, locateMe } = picker;
  const towns = useLoad(() => call(routes.charging.listTowns), 'towns');
  return (
    <View className="kit-card" id="ch-origin">
      <Text className="ch-line">
        {origin?.kind === 'here'
          ? '按离您的距离排序'
          : origin
            ? `按离${origin.name}中心的距离排序`
            : '先告诉我们您在哪里，为您找最近的充电站'}
      </Text>
      <Button id="ch-locate" kind={origin ? 'secondary' : 'primary'} loading={locating} onClick={() => void locateMe()}>
        使用我的位置
      </Button>
      {refused ? (
        <Notice ok={false} id="ch-locate-refused">
          没有获取到位置，请选择您所在的乡镇或小区
        </Notice>
      ) : null}
      <Text className="ch-line">或选择乡镇、小区：</Text>
      <View className="ch-chips" role="group" aria-label="选择乡镇">
        {(towns.data?.items ?? []).map((town) => (
          <Chip
            key={town.code}
            on={origin?.kind === 'town' && origin.code === town.code}
            onClick={() => setOrigin(townOrigin(town))}
          >
            {town.name}
          </Chip>
        ))}
      </View>
      {towns.error ? <Text className="ch-line">乡镇列表暂时无法加载，请稍后再试</Text> : null}
      <Text className="ch-line">位置只用于查找附近的充电站。</Text>
    </View>
  );
}
