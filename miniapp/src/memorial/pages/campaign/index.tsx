import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, ListState, PageFrame, WithParam, useLoad } from '../../../kit';
import { dateTime, day } from '../../../kit/time';
import { go, tributeNames } from '../../labels';
import '../../memorial.css';

const api = routes.memorial;

function Campaign({ id }: { id: string }) {
  const campaign = useLoad(() => call(api.getCampaign, { params: { id } }), id);
  const c = campaign.data;
  return (
    <PageFrame title={c?.name ?? '祭扫活动'} className="memorial">
      <ListState loading={campaign.loading && !c} error={campaign.error} empty={false} onRetry={campaign.reload}>
        {c ? (
          <>
            <View className="kit-card">
              <Text className="mm-hero__title">{c.name}</Text>
              <Text className="mm-note">
                {day(c.startsAt)} 至 {day(c.endsAt)}
              </Text>
              <Text className="mm-entry-code" id="mm-campaign-total">
                {c.totals.all}
              </Text>
              <Text className="mm-note">
                份心意：
                {(['flower', 'candle', 'incense', 'message'] as const)
                  .map((kind) => `${tributeNames[kind]} ${c.totals[kind]}`)
                  .join(' · ')}
              </Text>
              <Button onClick={() => go('martyrs/index')}>去英烈纪念馆献花</Button>
            </View>
            <View className="kit-card">
              <Text className="kit-card__title">最新寄语</Text>
              {c.latestMessages.length === 0 ? <Text className="mm-note">还没有寄语</Text> : null}
              {c.latestMessages.map((message) => (
                <View key={message.id} className="mm-message">
                  <Text className="mm-message__text">{message.text}</Text>
                  <Text className="mm-note">{dateTime(message.createdAt)}</Text>
                </View>
              ))}
            </View>
            <Button kind="plain" onClick={campaign.reload}>
              刷新
            </Button>
          </>
        ) : null}
      </ListState>
    </PageFrame>
  );
}

export default function CampaignPage() {
  return (
    <WithParam name="id" title="祭扫活动">
      {(id) => <Campaign id={id} />}
    </WithParam>
  );
}
