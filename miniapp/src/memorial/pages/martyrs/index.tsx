import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, LinkRow, ListState, PageFrame, useLoad, usePagedList } from '../../../kit';
import { go, lifeDates } from '../../labels';
import '../../memorial.css';

const api = routes.memorial;

/** 英烈纪念: the public memorials, searchable by any part of a name, and the running campaigns. */
export default function Martyrs() {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const campaigns = useLoad(() => call(api.listCampaigns), 'campaigns');
  const memorials = usePagedList(
    (cursor) => call(api.searchMemorials, { query: { limit: 20, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } }),
    q,
  );
  return (
    <PageFrame title="英烈纪念" className="memorial">
      {(campaigns.data?.items ?? []).length > 0 ? (
        <View className="kit-group">
          {campaigns.data!.items.map((campaign) => (
            <LinkRow
              key={campaign.id}
              id={`mm-campaign-${campaign.id}`}
              title={campaign.name}
              desc={`已有 ${campaign.totals.all} 份心意`}
              onClick={() => go(`campaign/index?id=${campaign.id}`)}
            />
          ))}
        </View>
      ) : null}
      <View className="kit-card">
        <Input
          id="mm-search"
          className="mm-field"
          maxlength={20}
          placeholder="输入姓名中的字查找"
          value={typed}
          confirmType="search"
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={() => setQ(typed.trim())}
        />
        <Button id="mm-search-go" kind="secondary" onClick={() => setQ(typed.trim())}>
          查找
        </Button>
      </View>
      <ListState
        loading={memorials.loading && memorials.items.length === 0}
        error={memorials.error}
        empty={memorials.items.length === 0}
        emptyText={q ? `没有找到姓名含“${q}”的英烈` : '暂无英烈纪念馆'}
        onRetry={memorials.reload}
      >
        <View className="kit-group">
          {memorials.items.map((memorial) => (
            <LinkRow
              key={memorial.id}
              title={memorial.name}
              desc={`${lifeDates(memorial.birthDate, memorial.deathDate)} · ${memorial.cemetery.name}`}
              onClick={() => go(`memorial/index?code=${memorial.code}`)}
            />
          ))}
        </View>
        {memorials.hasMore ? (
          <Button kind="plain" loading={memorials.loadingMore} onClick={memorials.loadMore}>
            查看更多
          </Button>
        ) : null}
      </ListState>
      <Text className="mm-note">示例数据中的英烈均为虚构人物。</Text>
    </PageFrame>
  );
}
