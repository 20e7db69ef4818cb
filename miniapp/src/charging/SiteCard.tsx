import { Text, View } from '@tarojs/components';
import type { SiteSummary } from '@warmcity/shared/api/charging';
import { focusable } from '../kit';
import { distanceText, hourlyText, hoursText, minutesText, priceText } from './format';

/** Price, hours, longest charge and safety notes: what a resident reads before anything starts,
 * the same words in the list, on the site page and before a code starts a charge. */
export function SiteFacts({ site, compact }: { site: SiteSummary; compact?: boolean }) {
  return (
    <>
      <Text className="ch-line">
        开放时间：{hoursText(site.hours)}
        {site.openNow ? '' : '（现在不在开放时间）'}
      </Text>
      <Text className="ch-line">单次最长 {minutesText(site.maxMinutes)}，到时自动断电</Text>
      <Text className={`ch-price ${site.pricePerMinuteFen > 0 ? 'ch-price--paid' : ''}`}>
        {priceText(site.pricePerMinuteFen)}
      </Text>
      {site.pricePerMinuteFen > 0 ? <Text className="ch-line">{hourlyText(site.pricePerMinuteFen)}</Text> : null}
      {/* In a list of thirty sites one line each; on the site page one line per note. */}
      {compact && site.safetyNotes.length > 0 ? (
        <Text className="ch-safety">安全提示：{site.safetyNotes.join('；')}</Text>
      ) : (
        site.safetyNotes.map((note) => (
          <Text key={note} className="ch-safety">
            {note}
          </Text>
        ))
      )}
    </>
  );
}

/** One site in 附近充电: how far, how many ports free now, then its facts. */
export function SiteCard({ site, onOpen }: { site: SiteSummary & { distanceM: number }; onOpen: () => void }) {
  return (
    <View className="kit-card ch-site" role="button" {...focusable} onClick={onOpen}>
      <View className="ch-head">
        <Text className="kit-card__title">{site.name}</Text>
        <Text className={`ch-free ${site.freePorts === 0 ? 'ch-free--none' : ''}`}>
          {site.freePorts > 0 ? `空闲 ${site.freePorts}/${site.totalPorts}` : '已满'}
        </Text>
      </View>
      <Text className="ch-line">
        {distanceText(site.distanceM)} · {site.address}
      </Text>
      <SiteFacts site={site} compact />
    </View>
  );
}
