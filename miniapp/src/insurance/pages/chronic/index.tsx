import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Badge, Empty, PageFrame } from '../../../kit';
import { Insured } from '../../Insured';
import '../../insurance.css';

/** 门诊慢特病: the diseases I am certified for and until when. */
export default function Chronic() {
  return (
    <PageFrame title="门诊慢特病" className="insurance">
      <Insured load={() => call(routes.insurance.listChronic)}>
        {({ items }) => (
          <View>
            {items.length === 0 ? (
              <Empty text="暂无门诊慢特病认定" hint="如患有高血压、糖尿病等慢性病，可带病历到定点医院申请认定" />
            ) : null}
            {items.map((item) => (
              <View key={item.disease} className="kit-card">
                <Text className="kit-card__title">{item.disease}</Text>
                <Text className="ins-line">{`有效期至 ${item.validUntil}`}</Text>
                <View className="ins-actions">
                  <Badge tone={item.valid ? 'ok' : 'off'}>{item.valid ? '有效' : '已过期，请复审'}</Badge>
                </View>
              </View>
            ))}
          </View>
        )}
      </Insured>
    </PageFrame>
  );
}
