import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CampaignView } from '@warmcity/shared/api/memorial';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { Badge, Button, Chip, confirm, DateTimeRow, ListState, Notice, TextRow, useAction, useLoad } from '../kit';
import { cstDate, dateTime } from '../kit/time';
import { go, tributeNames } from './labels';

const api = routes.memorial;
const LATEST = 3;

function CampaignCard({ campaign, onEnded }: { campaign: CampaignView; onEnded: () => void }) {
  const now = new Date().toISOString();
  const running = campaign.startsAt <= now && campaign.endsAt > now;
  const over = campaign.endsAt <= now;
  const end = useAction(async () => {
    const sure = await confirm({
      title: `结束「${campaign.name}」？`,
      content: '结束后新的祭扫不再计入活动总数，已有的数字保留。',
      confirmText: '结束活动',
      danger: true,
    });
    if (!sure) return;
    await call(api.staffEndCampaign, { params: { id: campaign.id } });
    onEnded();
  });
  return (
    <View className="kit-card" id={`mm-staff-campaign-${campaign.id}`}>
      <View className="mm-line">
        <Text className="kit-card__title">{campaign.name}</Text>
        <Badge tone={running ? 'brand' : 'off'}>{running ? '进行中' : over ? '已结束' : '未开始'}</Badge>
      </View>
      <Text className="mm-note">
        {dateTime(campaign.startsAt)} 至 {dateTime(campaign.endsAt)} ·{' '}
        {campaign.memorialIds.length === 0 ? '本园全部英烈纪念馆' : `${campaign.memorialIds.length} 座纪念馆`}
      </Text>
      <Text className="mm-body">
        共 {campaign.totals.all} 份心意：
        {(['flower', 'candle', 'incense', 'message'] as const)
          .map((kind) => `${tributeNames[kind]} ${campaign.totals[kind]}`)
          .join(' · ')}
      </Text>
      {campaign.latestMessages.slice(0, LATEST).map((message) => (
        <Text key={message.id} className="mm-note">
          「{message.text}」 {dateTime(message.createdAt)}
        </Text>
      ))}
      <View className="kit-row">
        <Button inline kind="secondary" onClick={() => go(`campaign/index?id=${campaign.id}`)}>
          活动页
        </Button>
        {over ? null : (
          <Button
            inline
            kind="danger"
            id={`mm-staff-campaign-end-${campaign.id}`}
            loading={end.busy}
            onClick={() => void end.run()}
          >
            结束活动
          </Button>
        )}
      </View>
      {end.error ? <Notice ok={false}>{end.error}</Notice> : null}
    </View>
  );
}

/** 纪念活动: start one over all of the cemetery's martyrs' memorials or chosen ones, and watch it. */
export function StaffCampaigns({ cemeteryId }: { cemeteryId: string }) {
  const campaigns = useLoad(() => call(api.listCampaigns, {}), cemeteryId);
  const martyrs = useLoad(
    () => call(api.searchMemorials, { query: { cemeteryId, limit: 100 } }),
    `martyrs:${cemeteryId}`,
  );
  const today = cstDate(new Date().toISOString());
  const [name, setName] = useState('');
  const [startDate, setStartDate] = useState(today);
  const [startTime, setStartTime] = useState('00:00');
  const [endDate, setEndDate] = useState(today);
  const [endTime, setEndTime] = useState('23:59');
  const [chosen, setChosen] = useState<string[]>([]);
  const startsAt = `${startDate}T${startTime}:00+08:00`;
  const endsAt = `${endDate}T${endTime}:00+08:00`;
  const wrongOrder = Date.parse(endsAt) <= Date.parse(startsAt);
  const create = useAction(async () => {
    await call(api.createCampaign, {
      body: {
        cemeteryId,
        name: name.trim(),
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        ...(chosen.length > 0 ? { memorialIds: chosen } : {}),
      },
    });
    setName('');
    setChosen([]);
    campaigns.reload();
  });
  const toggle = (id: string) =>
    setChosen((ids) => (ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id]));
  const mine = (campaigns.data?.items ?? []).filter((campaign) => campaign.cemeteryId === cemeteryId);
  return (
    <View>
      <View className="kit-card">
        <Text className="kit-card__title">发起纪念活动</Text>
        <TextRow id="mm-campaign-name" label="活动名称" value={name} onChange={setName} maxlength={40} />
        <DateTimeRow label="开始" date={startDate} time={startTime} onDate={setStartDate} onTime={setStartTime} />
        <DateTimeRow
          label="结束"
          date={endDate}
          time={endTime}
          onDate={setEndDate}
          onTime={setEndTime}
          error={wrongOrder ? '结束须晚于开始' : undefined}
        />
        <Text className="kit-label">计入哪些纪念馆（不选即本园全部英烈纪念馆）</Text>
        <View className="mm-chips" role="group" aria-label="纪念馆">
          {(martyrs.data?.items ?? []).map((memorial) => (
            <Chip key={memorial.id} on={chosen.includes(memorial.id)} onClick={() => toggle(memorial.id)}>
              {memorial.name}
            </Chip>
          ))}
        </View>
        <Button
          id="mm-campaign-create"
          loading={create.busy}
          disabled={name.trim() === '' || wrongOrder}
          onClick={() => void create.run()}
        >
          发起活动
        </Button>
        {create.error ? <Notice ok={false}>{create.error}</Notice> : null}
      </View>
      <ListState
        loading={campaigns.loading && !campaigns.data}
        error={campaigns.error}
        empty={mine.length === 0}
        emptyText="本园还没有纪念活动"
        onRetry={campaigns.reload}
      >
        {mine.map((campaign) => (
          <CampaignCard key={`${campaign.id}:${campaign.endsAt}`} campaign={campaign} onEnded={campaigns.reload} />
        ))}
        <Button kind="plain" onClick={campaigns.reload}>
          刷新总数
        </Button>
      </ListState>
    </View>
  );
}
