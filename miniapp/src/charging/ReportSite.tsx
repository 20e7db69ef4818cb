import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { SelectRow, useLoad } from '../kit';
import { coordinate } from './location';
import { OriginPicker, useOrigin } from './OriginPicker';

const api = routes.charging;

/** Which site's staff a report goes to: the site it was opened from, or one near the resident
 * (nearest first), since staff work the reports of their own sites. */
export function ReportSite({
  fixedId,
  chosen,
  onChoose,
}: {
  fixedId: string | null;
  chosen: string | null;
  onChoose: (id: string) => void;
}) {
  const picker = useOrigin();
  const origin = fixedId ? null : picker.origin;
  const fixed = useLoad(
    () => (fixedId ? call(api.getSite, { params: { id: fixedId } }) : Promise.resolve(null)),
    fixedId ?? '',
  );
  const near = useLoad(
    () =>
      origin
        ? call(api.sitesNear, { query: { lat: coordinate(origin.lat), lng: coordinate(origin.lng), radiusM: 20_000 } })
        : Promise.resolve(null),
    origin ? `${origin.lat},${origin.lng}` : '',
  );
  const sites = near.data?.items ?? [];
  const index = Math.max(
    0,
    sites.findIndex((site) => site.id === chosen),
  );
  const nearest = sites[index]?.id ?? null;
  // The nearest site is the choice until the resident picks another.
  useEffect(() => {
    if (!fixedId && nearest && nearest !== chosen) onChoose(nearest);
  }, [fixedId, nearest, chosen, onChoose]);

  if (fixedId)
    return (
      <View className="kit-form-row">
        <Text className="kit-label">充电站</Text>
        <Text className="ch-line ch-strong">{fixed.data?.name ?? '正在加载…'}</Text>
      </View>
    );
  return (
    <>
      <OriginPicker picker={picker} />
      {sites.length > 0 ? (
        <SelectRow
          id="ch-report-site"
          label="就近的充电站（由该站工作人员处理）"
          options={sites}
          text={(site) => site.name}
          selected={index}
          onSelect={(i) => onChoose(sites[i]!.id)}
        />
      ) : origin && !near.loading ? (
        <Text className="ch-line">附近没有充电站，暂时无法上报</Text>
      ) : null}
    </>
  );
}
