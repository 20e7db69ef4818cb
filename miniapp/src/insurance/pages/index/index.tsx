import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { LinkRow, Notice, PageFrame } from '../../../kit';
import { useSession } from '../../../session/useSession';
import { isStaff } from '../../../session/roles';
import { Contributions } from '../../Contributions';
import { Insured } from '../../Insured';
import { insuranceUrl, statusText, typeText, yuan } from '../../labels';
import '../../insurance.css';

const api = routes.insurance;
const open = (page: string) => () => void Taro.navigateTo({ url: insuranceUrl(page) });

function Fact({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className="ins-fact">
      <Text className="ins-fact__label">{label}</Text>
      <Text className="ins-fact__value" id={id}>
        {value}
      </Text>
    </View>
  );
}

/** 我的医保: who I am insured as, this year's contributions, arrears and what to do about them,
 * then the other services. FAQ and halls need no account, so their links are always there. */
export default function InsuranceHome() {
  const session = useSession();
  const staff = session.status === 'signed-in' && isStaff(session.account);
  return (
    <PageFrame title="医保查询" className="insurance">
      <Insured load={() => call(api.getSummary)}>
        {({ person, thisYear, arrears }) => (
          <View>
            <View className="kit-card" id="ins-summary">
              <Text className="kit-card__title">{`${person.maskedName} 的医保`}</Text>
              <Text className="ins-line">{person.maskedIdNumber}</Text>
              <View className="ins-facts">
                <Fact label="险种" value={typeText[person.insuranceType]} id="ins-type" />
                <Fact label="参保状态" value={statusText[person.status]} id="ins-status" />
                <Fact label="参保地" value={person.region} />
                <Fact label="参保时间" value={person.since} />
              </View>
              <Text className="ins-line">
                {`${thisYear.year} 年已缴 ${thisYear.paidMonths} 个月，合计 ${yuan(thisYear.paidFen)}`}
              </Text>
            </View>
            {arrears.advice ? (
              <Notice ok={false} id="ins-arrears" className="kit-card">
                {`欠缴 ${arrears.periods.length} 个月（${arrears.periods.join('、')}），共 ${yuan(arrears.amountFen)}。${arrears.advice}`}
              </Notice>
            ) : null}
            <Contributions thisYear={thisYear.year} />
          </View>
        )}
      </Insured>

      <View className="kit-group">
        <LinkRow id="ins-open-maternity" title="生育津贴" desc="进度、金额与拨付去向" onClick={open('maternity')} />
        <LinkRow id="ins-open-filings" title="异地就医备案" desc="查看、申请与撤销备案" onClick={open('filings')} />
        <LinkRow id="ins-open-family" title="家庭共济" desc="绑定家人，共用个人账户" onClick={open('family')} />
        <LinkRow title="门诊慢特病" desc="认定病种与有效期" onClick={open('chronic')} />
        <LinkRow
          id="ins-open-access-log"
          title="查询记录"
          desc="谁在什么时候查看了我的医保信息"
          onClick={open('access-log')}
        />
      </View>
      <View className="kit-group">
        <LinkRow id="ins-open-faq" title="百问百答" desc="常见问题一搜就有" onClick={open('faq')} />
        <LinkRow id="ins-open-halls" title="服务大厅" desc="今日营业时间、电话办理" onClick={open('halls')} />
      </View>
      {staff ? (
        <View className="kit-group">
          <LinkRow
            id="ins-open-staff"
            title="工作人员：参保信息查询"
            desc="按辖区查询，须说明用途"
            onClick={open('staff')}
          />
          <LinkRow
            id="ins-open-import"
            title="工作人员：批量导入"
            desc="上传 CSV / JSONL，查看逐行报告"
            onClick={open('import')}
          />
        </View>
      ) : null}
    </PageFrame>
  );
}
