import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Badge, Button, ListState, PageFrame, toast, useLoad } from '../../../kit';
import type { Hall } from '../../types';
import '../../insurance.css';

function openMap(url: string) {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank', 'noopener');
    return;
  }
  // Mini-programs cannot open an outside page; the link goes to the clipboard for the browser.
  void Taro.setClipboardData({ data: url }).then(() => toast('地图链接已复制'));
}

function HallCard({ hall }: { hall: Hall }) {
  const hours = hall.todayHours.length === 0 ? '今日休息' : `今日 ${hall.todayHours.join('、')}`;
  return (
    <View className="kit-card" id={`ins-hall-${hall.id}`}>
      <Text className="kit-card__title">{hall.name}</Text>
      <View className="ins-actions">
        <Badge tone={hall.openNow ? 'ok' : 'off'}>{hall.openNow ? '正在办公' : '当前不在办公时间'}</Badge>
      </View>
      <Text className="ins-line ins-strong">{hours}</Text>
      {hall.todayNote ? <Text className="ins-line">{hall.todayNote}</Text> : null}
      <Text className="ins-line">
        {[
          hall.lunchtimeService ? '午间不打烊' : '午间休息',
          hall.saturdayService ? '周六上午有人在岗' : '周六休息',
        ].join(' · ')}
      </Text>
      <Text className="ins-line">{hall.address}</Text>
      {hall.phoneMatters.length > 0 ? (
        <Text className="ins-line">{`电话即可办理：${hall.phoneMatters.join('、')}`}</Text>
      ) : null}
      <View className="ins-actions">
        <Button onClick={() => void Taro.makePhoneCall({ phoneNumber: hall.phone })}>{`拨打 ${hall.phone}`}</Button>
        <Button kind="secondary" onClick={() => openMap(hall.mapUrl)}>
          查看地图
        </Button>
      </View>
    </View>
  );
}

/** 服务大厅: today's hours (China time, holidays), open now, phone-answerable matters, call, map. */
export default function Halls() {
  const halls = useLoad(() => call(routes.insurance.listHalls), 'halls');
  const items = halls.data?.items ?? [];
  return (
    <PageFrame title="服务大厅" className="insurance">
      <ListState
        loading={halls.loading && !halls.data}
        error={halls.error}
        empty={items.length === 0}
        emptyText="暂无服务大厅信息"
        onRetry={halls.reload}
      >
        {items.map((hall) => (
          <HallCard key={hall.id} hall={hall} />
        ))}
      </ListState>
    </PageFrame>
  );
}
