import { Map as PlatformMap, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, LinkRow, ListState, PageFrame, useLoad } from '../../../kit';
import { ActivityBanner } from '../../ActivityBanner';
import { coordinate } from '../../location';
import { OriginPicker, useOrigin } from '../../OriginPicker';
import { SiteCard } from '../../SiteCard';
import { useCurrent } from '../../use-current';
import '../../charging.css';

const api = routes.charging;
// The platform map exists in the mini-programs only; H5 shows the list with distances.
const hasMap = process.env.TARO_ENV !== 'h5';
// A town's sites are spread over its villages; the widest radius the contract allows.
const SEARCH_RADIUS_M = 20_000;

/** 附近充电: sites by distance from me or from a town, with free ports now and the price. */
export default function SitesNear() {
  const picker = useOrigin();
  const current = useCurrent();
  const origin = picker.origin;
  const sites = useLoad(
    () =>
      origin
        ? call(api.sitesNear, {
            query: { lat: coordinate(origin.lat), lng: coordinate(origin.lng), radiusM: SEARCH_RADIUS_M },
          })
        : Promise.resolve(null),
    origin ? `${origin.lat},${origin.lng}` : 'none',
  );
  const items = sites.data?.items ?? [];
  const open = (id: string) => void Taro.navigateTo({ url: `/charging/pages/site/index?id=${id}` });

  return (
    <PageFrame title="附近充电" className="charging">
      <Text className="ch-hero__title">电动车充电</Text>
      <Text className="ch-hero__sub">集中充电更安全：先看空闲充电口和价格，再出发</Text>

      <ActivityBanner charge={current.data?.charge} />
      {current.data?.charge ? null : (
        <Button
          kind="secondary"
          id="ch-open-charge"
          onClick={() => void Taro.navigateTo({ url: '/charging/pages/charge/index' })}
        >
          已在充电口？扫码充电
        </Button>
      )}

      <OriginPicker picker={picker} />

      {origin ? (
        <ListState
          loading={sites.loading && !sites.data}
          error={sites.error}
          empty={items.length === 0}
          emptyText="附近还没有充电站点"
          emptyHint="换一个乡镇看看"
          onRetry={sites.reload}
        >
          {hasMap ? (
            <PlatformMap
              className="ch-map"
              latitude={origin.lat}
              longitude={origin.lng}
              scale={14}
              showLocation={origin.kind === 'here'}
              markers={items.map((site, i) => ({
                id: i,
                latitude: site.location.lat,
                longitude: site.location.lng,
                title: site.name,
                iconPath: '',
                width: 28,
                height: 36,
                callout: {
                  content: `${site.name} 空闲 ${site.freePorts}`,
                  color: '#3b2f28',
                  fontSize: 14,
                  anchorX: 0,
                  anchorY: 0,
                  borderRadius: 8,
                  borderWidth: 1,
                  borderColor: '#b5471b',
                  bgColor: '#ffffff',
                  padding: 6,
                  display: 'ALWAYS',
                  textAlign: 'center',
                },
              }))}
              // Without the map the list below still has every site.
              onError={(e) => console.warn('[charging] map failed', e.detail)}
              onCalloutTap={(e) => {
                const site = items[Number(e.detail.markerId)];
                if (site) open(site.id);
              }}
            />
          ) : null}
          {items.map((site) => (
            <SiteCard key={site.id} site={site} onOpen={() => open(site.id)} />
          ))}
        </ListState>
      ) : null}

      <View className="kit-group">
        <LinkRow
          id="ch-open-records"
          title="我的充电记录"
          desc="时长、电量、费用"
          onClick={() => void Taro.navigateTo({ url: '/charging/pages/records/index' })}
        />
        <LinkRow
          id="ch-open-report"
          title="上报充电隐患"
          desc="私拉电线、楼道充电、充电口故障"
          onClick={() => void Taro.navigateTo({ url: '/charging/pages/report/index' })}
        />
        <LinkRow
          title="我的上报"
          desc="处理进度与回复"
          onClick={() => void Taro.navigateTo({ url: '/charging/pages/reports/index' })}
        />
      </View>
    </PageFrame>
  );
}
