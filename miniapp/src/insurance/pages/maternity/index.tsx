import type { MaternityCase } from '../../types';
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { DateRow, Empty, Notice, PageFrame, Steps } from '../../../kit';
import { cstDate, cstMidnight, dateTime } from '../../../kit/time';
import { Insured } from '../../Insured';
import { stageOrder, stageText, yuan } from '../../labels';
import '../../insurance.css';

const api = routes.insurance;

function CaseCard({ item }: { item: MaternityCase }) {
  const reached = new Map(item.stages.map((s) => [s.stage, s.at]));
  const current = item.nextStage === null ? stageOrder.length : stageOrder.indexOf(item.nextStage);
  const steps = stageOrder.map((stage) => {
    const at = reached.get(stage);
    return { title: stageText[stage], desc: at ? dateTime(at) : stage === item.nextStage ? '进行中' : '待办理' };
  });
  return (
    <View className="kit-card" id={`ins-case-${item.id}`}>
      <Text className="kit-card__title">{item.nextStage === null ? '生育津贴已拨付' : `下一步：${stageText[item.nextStage]}`}</Text>
      <Steps steps={steps} current={current} />
      {item.amountFen !== null ? (
        <Text className="ins-line" id="ins-maternity-amount">
          {`津贴金额 ${yuan(item.amountFen)}${item.days ? `（${item.days} 天）` : ''}`}
        </Text>
      ) : (
        <Text className="ins-line">金额在审核后确定</Text>
      )}
      {item.rule ? <Text className="ins-line">{`计算方法：${item.rule}`}</Text> : null}
      {item.paidTo ? (
        <Text className="ins-line">
          {`拨付至${item.paidTo.kind === 'employer' ? '用人单位账户' : '本人账户'} ${item.paidTo.maskedAccount}`}
        </Text>
      ) : null}
      <Text className="ins-line">无需申请：登记后出院结算，数据自动推送医保中心审核并拨付，每一步都会通知您。</Text>
    </View>
  );
}

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
