import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SessionView } from '@warmcity/shared/api/parent-school';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { Button, TextRow, confirm, messageOf, toast } from '../kit';

const api = routes['parent-school'];

/** Cancelling frees every seat and tells every family, so it asks for a reason and a second yes. */
export function CancelSession({
  session,
  onCancelled,
}: {
  session: Pick<SessionView, 'id' | 'course' | 'capacity' | 'seatsLeft' | 'waitlistLength'>;
  onCancelled: () => void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const families = session.capacity - session.seatsLeft + session.waitlistLength;

  const cancel = async () => {
    if (!reason.trim()) {
      setError('请写明取消原因，预约的家长会看到');
      return;
    }
    setError(undefined);
    const yes = await confirm({
      title: '确定取消本场？',
      content: `${session.course.title}：${families} 位家长的预约将全部取消，并收到原因“${reason.trim()}”。此操作不能撤销。`,
      confirmText: '取消本场',
      danger: true,
    });
    if (!yes) return;
    setBusy(true);
    await Taro.showLoading({ title: '正在取消…', mask: true });
    try {
      await call(api.cancelSession, { params: { id: session.id }, body: { reason: reason.trim() } });
      await Taro.hideLoading();
      toast('已取消本场', 'success');
      onCancelled();
    } catch (e) {
      await Taro.hideLoading();
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="kit-card">
      <Text className="kit-card__title">取消本场</Text>
      <TextRow
        id="ps-cancel-reason"
        label="取消原因"
        value={reason}
        maxlength={200}
        placeholder="例如：暴雨停课，改期另行通知"
        onChange={setReason}
        error={error}
      />
      <Button kind="danger" id="ps-cancel-session" loading={busy} disabled={busy} onClick={() => void cancel()}>
        取消本场
      </Button>
    </View>
  );
}
