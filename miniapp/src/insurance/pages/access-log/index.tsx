import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Badge, Empty, PageFrame } from '../../../kit';
import { dateTime } from '../../../kit/time';
import { Insured } from '../../Insured';
import { actionText, purposeText, viewerText } from '../../labels';
import '../../insurance.css';

/** 查询记录: every read of my insurance data, newest first; staff appear by role and purpose,
 * never by name. */
export default function AccessLog() {
  return (
    <PageFrame title="查询记录" className="insurance">
      <Insured load={() => call(routes.insurance.listAccessLog)}>
        {({ items }) => (
          <View>
            <Text className="ins-line">按照个人信息保护法，每次查看您的医保信息都会留下记录（最近 100 条）。</Text>
            {items.length === 0 ? <Empty text="还没有查询记录" /> : null}
            {items.map((entry, i) => (
              <View key={`${entry.at}:${i}`} className="kit-card ins-access" id={`ins-access-${i}`}>
                <View className="ins-actions">
                  <Badge tone={entry.viewer === 'staff' ? 'wait' : 'brand'}>{viewerText[entry.viewer]}</Badge>
                </View>
                <Text className="kit-card__title">{actionText(entry.action)}</Text>
                {entry.purpose ? (
                  <Text className="ins-line">{`用途：${purposeText[entry.purpose.code]}（${entry.purpose.note}）`}</Text>
                ) : null}
                <Text className="ins-line">{dateTime(entry.at)}</Text>
              </View>
            ))}
          </View>
        )}
      </Insured>
    </PageFrame>
  );
}
