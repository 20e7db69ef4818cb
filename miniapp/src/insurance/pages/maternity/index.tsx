import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { DateRow, Empty, Notice, PageFrame } from '../../../kit';
import { cstDate, cstMidnight } from '../../../kit/time';
import { CaseCard } from '../../CaseCard';
import { Insured } from '../../Insured';
import '../../insurance.css';

const api = routes.insurance;

/** 生育津贴: the stage timeline of each case; with an expected birth and no registration, how to
 * register before it is too late. */
export default function Maternity() {
  const today = cstDate(new Date().toISOString());
  const [expected, setExpected] = useState('');
  return (
    <PageFrame title="生育津贴" className="insurance">
      <Insured
        loadKey={expected}
        load={() => call(api.getMaternity, { query: expected ? { expectedBirth: expected } : {} })}
      >
        {({ items, registrationAdvice }) => (
          <View>
            {items.length === 0 ? (
              <Empty text="暂无生育津贴记录" hint="即将生育？填写预产期，看看还需要做什么" />
            ) : (
              items.map((item) => <CaseCard key={item.id} item={item} />)
            )}
            {registrationAdvice ? (
              <Notice ok={false} id="ins-registration-advice" className="kit-card">
                {registrationAdvice}
              </Notice>
            ) : null}
            <View className="kit-card">
              <Text className="kit-card__title">即将生育？</Text>
              <Text className="ins-line">告诉我们预产期，未办理生育登记时会提示您如何办理、还剩多少天。</Text>
              <DateRow
                id="ins-expected-birth"
                label="预产期"
                value={expected}
                start={cstDate(cstMidnight(today, -180))}
                end={cstDate(cstMidnight(today, 300))}
                onChange={setExpected}
              />
            </View>
          </View>
        )}
      </Insured>
    </PageFrame>
  );
}
