import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Badge, Button, Empty, Notice, PageFrame, SelectRow, TextRow, confirm, toast, useAction } from '../../../kit';
import { dateTime } from '../../../kit/time';
import { Insured } from '../../Insured';
import { relationText, statusText, typeText } from '../../labels';
import type { FamilyLink } from '../../types';
import '../../insurance.css';

const relations = Object.keys(relationText) as (keyof typeof relationText)[];

const api = routes.insurance;

function LinkCard({ link, onChanged }: { link: FamilyLink; onChanged: () => void }) {
  const confirmIt = useAction(async () => {
    await call(api.confirmFamily, { params: { id: link.id } });
    toast('已确认绑定', 'success');
    onChanged();
  });
  const unbind = useAction(async () => {
    await call(api.unbindFamily, { params: { id: link.id } });
    toast(link.status === 'bound' ? '已解除绑定' : '已撤回', 'success');
    onChanged();
  });
  const askUnbind = async () => {
    const pendingMine = link.status === 'pending' && link.role === 'owner';
    const yes = await confirm({
      title: link.status === 'bound' ? '解除绑定' : pendingMine ? '撤回申请' : '拒绝绑定',
      content:
        link.status === 'bound'
          ? '解除后对方不能再使用该个人账户支付，确定吗？'
          : pendingMine
            ? '确定撤回这条绑定申请吗？'
            : '确定拒绝对方的绑定申请吗？',
      confirmText: '确定',
      danger: true,
    });
    if (yes) await unbind.run();
  };
  const who =
    link.role === 'owner' ? `我的${relationText[link.relation]}` : `${relationText[link.relation]}关系的账户户主`;
  return (
    <View className="kit-card" id={`ins-family-${link.id}`}>
      <Text className="kit-card__title">{`${link.otherMaskedName}（${who}）`}</Text>
      <Text className="ins-line">{link.otherMaskedIdNumber}</Text>
      {link.role === 'relative' ? (
        <Text className="ins-line">
          {`共济账户：${typeText[link.sharedAccount.insuranceType]} · ${statusText[link.sharedAccount.status]}。绑定后户主的个人账户可为您支付医药费，对方看不到您的缴费和生育信息。`}
        </Text>
      ) : null}
      <Text className="ins-line">
        {link.confirmedAt ? `绑定于 ${dateTime(link.confirmedAt)}` : `申请于 ${dateTime(link.requestedAt)}`}
      </Text>
      <View className="ins-actions">
        <Badge tone={link.status === 'bound' ? 'ok' : 'wait'}>
          {link.status === 'bound' ? '已绑定' : link.role === 'owner' ? '等待对方确认' : '待我确认'}
        </Badge>
        {link.status === 'pending' && link.role === 'relative' ? (
          <Button id="ins-family-confirm" loading={confirmIt.busy} onClick={() => void confirmIt.run()}>
            确认绑定
          </Button>
        ) : null}
        <Button kind="danger" id="ins-family-unbind" loading={unbind.busy} onClick={() => void askUnbind()}>
          {link.status === 'bound' ? '解除绑定' : link.role === 'owner' ? '撤回申请' : '拒绝'}
        </Button>
      </View>
      {confirmIt.error || unbind.error ? <Notice ok={false}>{confirmIt.error ?? unbind.error}</Notice> : null}
    </View>
  );
}

function AskForm({ onAsked }: { onAsked: () => void }) {
  const [relation, setRelation] = useState(0);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const ask = useAction(async () => {
    await call(api.askFamily, {
      body: { relation: relations[relation]!, name: name.trim(), idNumber: idNumber.trim() },
    });
    setName('');
    setIdNumber('');
    toast('已发出申请，等待对方确认');
    onAsked();
  });
  return (
    <View className="kit-card" id="ins-family-form">
      <Text className="kit-card__title">绑定家人</Text>
      <Text className="ins-line">家人须已在暖城实名认证。提交后对方会收到通知，在自己的账户里确认后才生效。</Text>
      <SelectRow
        label="关系"
        options={relations}
        text={(r) => relationText[r]}
        selected={relation}
        onSelect={setRelation}
      />
      <TextRow id="ins-family-name" label="家人姓名" value={name} maxlength={40} onChange={setName} />
      <TextRow
        id="ins-family-id"
        label="家人身份证号"
        type="idcard"
        maxlength={18}
        placeholder="18 位身份证号"
        value={idNumber}
        onChange={setIdNumber}
      />
      {ask.error ? (
        <Notice ok={false} id="ins-family-error">
          {ask.error}
        </Notice>
      ) : null}
      <Button
        id="ins-family-submit"
        loading={ask.busy}
        disabled={name.trim().length === 0 || !/^\d{17}[\dXx]$/.test(idNumber.trim())}
        onClick={() => void ask.run()}
      >
        发送绑定申请
      </Button>
    </View>
  );
}

/** 家庭共济: relatives bound to my account and accounts I am bound to; ask, confirm, unbind. */
export default function Family() {
  return (
    <PageFrame title="家庭共济" className="insurance">
      <Insured load={() => call(api.listFamily)}>
        {({ items }, reload) => (
          <View>
            {items.length === 0 ? <Empty text="还没有绑定家人" hint="绑定后，您的个人账户可为家人支付医药费" /> : null}
            {items.map((link) => (
              <LinkCard key={`${link.id}:${link.status}`} link={link} onChanged={reload} />
            ))}
            <AskForm onAsked={reload} />
          </View>
        )}
      </Insured>
    </PageFrame>
  );
}
