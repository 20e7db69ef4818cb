import { Text, View } from '@tarojs/components';
import { Steps } from '../kit';
import { dateTime } from '../kit/time';
import { stageOrder, stageText, yuan } from './labels';
import type { MaternityCase } from './types';

/** One maternity allowance case: the five stages with their dates, the amount and how it was
 * computed, and where it was paid (masked). */
export function CaseCard({ item }: { item: MaternityCase }) {
  const reached = new Map(item.stages.map((s) => [s.stage, s.at]));
  const current = item.nextStage === null ? stageOrder.length : stageOrder.indexOf(item.nextStage);
  const steps = stageOrder.map((stage) => {
    const at = reached.get(stage);
    return { title: stageText[stage], desc: at ? dateTime(at) : stage === item.nextStage ? '进行中' : '待办理' };
  });
  return (
    <View className="kit-card" id={`ins-case-${item.id}`}>
      <Text className="kit-card__title">
        {item.nextStage === null ? '生育津贴已拨付' : `下一步：${stageText[item.nextStage]}`}
      </Text>
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
