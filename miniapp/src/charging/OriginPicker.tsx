import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Chip, Notice } from '../kit';
import { locate, saveTown, savedTown, towns, type Origin } from './location';

/** Where 附近充电 measures from: nothing is asked until the resident taps 使用我的位置, and a
 * town picked once (after a refusal, or instead) is remembered. */
export function useOrigin() {
  const [origin, setOrigin] = useState<Origin | null>(() => {
    const town = savedTown();
    return town ? { kind: 'town', ...town } : null;
  });
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
  const pickTown = (index: number) => {
    const town = towns[index]!;
    saveTown(town);
    setRefused(false);
    setOrigin({ kind: 'town', ...town });
  };
  return { origin, locating, refused, locateMe, pickTown };
}

export function OriginPicker({ picker }: { picker: ReturnType<typeof useOrigin> }) {
  const { origin, locating, refused, locateMe, pickTown } = picker;
  return (
    <View className="kit-card" id="ch-origin">
      <Text className="ch-line">
        {origin?.kind === 'here'
          ? '按离您的距离排序'
          : origin
            ? `按离${origin.name}中心的距离排序`
            : '先告诉我们您在哪里'}
      </Text>
      <Button id="ch-locate" kind={origin ? 'secondary' : 'primary'} loading={locating} onClick={() => void locateMe()}>
        使用我的位置
      </Button>
      {refused ? (
        <Notice ok={false} id="ch-locate-refused">
          没有获取到位置，请选择您所在的乡镇或小区
        </Notice>
      ) : null}
      <View className="ch-chips" role="group" aria-label="选择乡镇">
        {towns.map((town, i) => (
          <Chip key={town.name} on={origin?.kind === 'town' && origin.name === town.name} onClick={() => pickTown(i)}>
            {town.name}
          </Chip>
        ))}
      </View>
      <Text className="ch-line">位置只用于查找附近的站点。</Text>
    </View>
  );
}
