import { useState } from 'react';
import { View } from '@tarojs/components';
import { Chip, PageFrame, WithParam } from '../../../kit';
import { StaffCampaigns } from '../../staff-campaigns';
import { StaffFigures } from '../../staff-figures';
import { StaffOrders } from '../../staff-orders';
import { HeldMessages, PendingMemorials } from '../../staff-review';
import { CheckIn, PublishSlot } from '../../staff-visits';
import '../../memorial.css';

const desks = [
  ['checkin', '入园核验'],
  ['orders', '服务订单'],
  ['slots', '发布时段'],
  ['campaigns', '纪念活动'],
  ['memorials', '建馆审核'],
  ['messages', '寄语审核'],
  // A desk of its own rather than a card above them all: in large text it pushed the gate's
  // check-in below the fold, and staff open this page to work, not to read figures.
  ['figures', '今日数据'],
] as const;

function StaffDesk({ cemeteryId }: { cemeteryId: string }) {
  const [desk, setDesk] = useState<(typeof desks)[number][0]>('checkin');
  return (
    <PageFrame title="陵园工作台" className="memorial">
      <View className="mm-chips" role="group" aria-label="工作">
        {desks.map(([key, name]) => (
          <Chip key={key} id={`mm-desk-${key}`} on={desk === key} onClick={() => setDesk(key)}>
            {name}
          </Chip>
        ))}
      </View>
      {desk === 'checkin' ? <CheckIn cemeteryId={cemeteryId} /> : null}
      {desk === 'orders' ? <StaffOrders cemeteryId={cemeteryId} /> : null}
      {desk === 'slots' ? <PublishSlot cemeteryId={cemeteryId} /> : null}
      {desk === 'campaigns' ? <StaffCampaigns cemeteryId={cemeteryId} /> : null}
      {desk === 'memorials' ? <PendingMemorials cemeteryId={cemeteryId} /> : null}
      {desk === 'messages' ? <HeldMessages cemeteryId={cemeteryId} /> : null}
      {desk === 'figures' ? <StaffFigures cemeteryId={cemeteryId} /> : null}
    </PageFrame>
  );
}

export default function StaffDeskPage() {
  return (
    <WithParam name="scope" title="陵园工作台">
      {(cemeteryId) => <StaffDesk cemeteryId={cemeteryId} />}
    </WithParam>
  );
}
