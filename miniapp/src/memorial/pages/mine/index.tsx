import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { MemorialView } from '@warmcity/shared/api/memorial';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Badge, Button, ListState, Notice, PageFrame, confirm, toast, useAction, useLoad } from '../../../kit';
import { dateTime } from '../../../kit/time';
import { go, lifeDates, memorialStatusNames, visibilityNames } from '../../labels';
import '../../memorial.css';

const api = routes.memorial;

/** The owner's tools: a one-use invite code for a relative, and who was invited (revocable). */
function Family({ memorialId }: { memorialId: string }) {
  const relatives = useLoad(() => call(api.listRelatives, { params: { id: memorialId } }), memorialId);
  const [invite, setInvite] = useState<{ code: string; expiresAt: string } | null>(null);
  const create = useAction(async () => setInvite(await call(api.inviteRelative, { params: { id: memorialId } })));
  const revoke = useAction(async (relativeId: string) => {
    const yes = await confirm({
      title: '移除亲属',
      content: '移除后对方将无法再看到这个纪念馆，确定吗？',
      confirmText: '确定移除',
      danger: true,
    });
    if (!yes) return;
    await call(api.revokeRelative, { params: { id: memorialId, relativeId } });
    toast('已移除', 'success');
    relatives.reload();
  });
  const items = relatives.data?.items ?? [];
  return (
    <View>
      <Button kind="secondary" id="mm-invite" loading={create.busy} onClick={() => void create.run()}>
        邀请亲属
      </Button>
      {invite ? (
        <View id="mm-invite-code">
          <Text className="mm-note">把这个邀请码告诉亲属（7 天内有效，只能用一次）：</Text>
          <Text className="mm-entry-code">{invite.code}</Text>
          <Text className="mm-note">有效期至 {dateTime(invite.expiresAt)}</Text>
        </View>
      ) : null}
      {items.length > 0 ? <Text className="mm-note">已邀请 {items.length} 位亲属</Text> : null}
      {items.map((relative) => (
        <View key={relative.id} className="mm-line">
          <Text className="mm-note">{dateTime(relative.joinedAt)} 加入</Text>
          <Button kind="danger" inline disabled={revoke.busy} onClick={() => void revoke.run(relative.id)}>
            移除
          </Button>
        </View>
      ))}
      {(create.error ?? revoke.error) ? <Notice ok={false}>{create.error ?? revoke.error}</Notice> : null}
    </View>
  );
}

function MemorialCard({ memorial }: { memorial: MemorialView }) {
  const [managing, setManaging] = useState(false);
  const open = memorial.status === 'approved' || memorial.mine;
  return (
    <View className="kit-card" id={`mm-my-${memorial.code}`}>
      <Text className="kit-card__title">{memorial.name}</Text>
      <Text className="mm-note">{lifeDates(memorial.birthDate, memorial.deathDate)}</Text>
      <Text className="mm-note">
        {memorial.cemetery.name} · {visibilityNames[memorial.visibility]}
      </Text>
      <View className="mm-line">
        <Badge tone={memorial.status === 'approved' ? 'ok' : memorial.status === 'pending' ? 'wait' : 'off'}>
          {memorial.mine ? memorialStatusNames[memorial.status] : '受邀亲属'}
        </Badge>
        <Text className="mm-note">纪念馆码 {memorial.code}</Text>
      </View>
      <View className="kit-row">
        {open ? (
          <Button kind="secondary" onClick={() => go(`memorial/index?code=${memorial.code}`)}>
            进入纪念馆
          </Button>
        ) : null}
        {memorial.mine && memorial.visibility === 'family' && memorial.status === 'approved' ? (
          <Button kind="plain" onClick={() => setManaging((on) => !on)}>
            {managing ? '收起' : '亲属管理'}
          </Button>
        ) : null}
      </View>
      {managing ? <Family memorialId={memorial.id} /> : null}
    </View>
  );
}

/** 我的纪念馆: memorials I created (with their review state) or joined by a relative's invite. */
export default function MyMemorials() {
  const memorials = useLoad(() => call(api.listMyMemorials), 'mine');
  const [code, setCode] = useState('');
  const accept = useAction(async () => {
    const joined = await call(api.acceptInvite, { body: { code } });
    toast('已加入', 'success');
    setCode('');
    memorials.reload();
    go(`memorial/index?code=${joined.code}`);
  });
  const items = memorials.data?.items ?? [];
  return (
    <PageFrame title="我的纪念馆" className="memorial">
      <ListState
        loading={memorials.loading && !memorials.data}
        error={memorials.error}
        empty={items.length === 0}
        emptyText="还没有纪念馆"
        emptyHint="可以为亲人申请建馆，或用亲属给的邀请码加入"
        emptyAction={{ label: '申请建馆', onClick: () => go('apply/index') }}
        onRetry={memorials.reload}
      >
        {items.map((memorial) => (
          <MemorialCard key={memorial.id} memorial={memorial} />
        ))}
      </ListState>
      <View className="kit-card">
        <Text className="kit-card__title">用邀请码加入</Text>
        <Input
          id="mm-invite-input"
          className="mm-field"
          maxlength={12}
          placeholder="输入亲属给的 12 位邀请码"
          value={code}
          onInput={(e) => setCode(e.detail.value.trim().toLowerCase())}
        />
        <Button loading={accept.busy} disabled={code.length !== 12} onClick={() => void accept.run()}>
          加入纪念馆
        </Button>
        {accept.error ? <Notice ok={false}>{accept.error}</Notice> : null}
      </View>
      <Button kind="plain" onClick={() => go('apply/index')}>
        为亲人申请纪念馆
      </Button>
    </PageFrame>
  );
}
