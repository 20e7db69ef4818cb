import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Badge, ListState, PageFrame, useLoad } from '../../../kit';
import { dateTime } from '../../../kit/time';
import { go } from '../../labels';
import { noticeStateNames, noticeTone } from '../../NoticeTimeline';
import '../../memorial.css';

/** 我的报丧: each notice I reported and how far the agency team has got. */
export default function MyNotices() {
  const notices = useLoad(() => call(routes.memorial.listMyDeathNotices), 'notices');
  const items = notices.data?.items ?? [];
  return (
    <PageFrame title="我的报丧" className="memorial">
      <ListState
        loading={notices.loading && !notices.data}
        error={notices.error}
        empty={items.length === 0}
        emptyText="还没有报丧记录"
        emptyHint="家中有亲人离世，可在线告知陵园代办员"
        emptyAction={{ label: '在线报丧', onClick: () => go('report/index') }}
        onRetry={notices.reload}
      >
        {items.map((notice) => (
          <View
            key={notice.id}
            className="kit-card"
            id={`mm-my-notice-${notice.id}`}
            role="button"
            onClick={() => go(`notice/index?id=${notice.id}`)}
          >
            <View className="mm-line">
              <Text className="kit-card__title">{notice.deceasedName}</Text>
              <Badge tone={noticeTone(notice.state)}>{noticeStateNames[notice.state]}</Badge>
            </View>
            <Text className="mm-note">
              {notice.cemetery.name} · 提交于 {dateTime(notice.createdAt)}
            </Text>
            <Text className="mm-note">查看进度 ›</Text>
          </View>
        ))}
      </ListState>
    </PageFrame>
  );
}
