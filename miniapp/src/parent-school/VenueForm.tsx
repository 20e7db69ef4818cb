import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { VenueView } from '@warmcity/shared/api/parent-school';
import { ApiError, call } from '../api/client';
import { routes } from '../api/routes';
import { Button, Notice, TextRow, messageOf, toast } from '../kit';
import { fieldErrors, required } from '../kit/validators';

const api = routes['parent-school'];
type Fields = 'name' | 'address';

/** Adds a venue (a spot near the school gate) to the school, or edits `venue`. */
export function VenueForm({
  schoolId,
  venue,
  onSaved,
}: {
  schoolId: string;
  venue: VenueView | null;
  onSaved: () => void;
}) {
  const [name, setName] = useState(venue?.name ?? '');
  const [address, setAddress] = useState(venue?.address ?? '');
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const save = async () => {
    const found = { name: required(name, '场地名称', 60), address: required(address, '地址', 200) };
    setErrors(found);
    setFailure(null);
    if (Object.values(found).some(Boolean)) return;
    const body = { name: name.trim(), address: address.trim() };
    setBusy(true);
    try {
      if (venue) await call(api.updateVenue, { params: { id: venue.id }, body });
      else await call(api.createVenue, { body: { ...body, schoolId } });
      toast(venue ? '场地已保存' : '场地已添加', 'success');
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) setErrors(fieldErrors<Fields>(e.errors, ['name', 'address']));
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="kit-card">
      <Text className="kit-card__title">{venue ? `修改场地：${venue.name}` : '新增场地'}</Text>
      <TextRow
        id="ps-venue-name"
        label="场地名称"
        value={name}
        maxlength={60}
        placeholder="例如：东门广场"
        onChange={setName}
        error={errors.name}
      />
      <TextRow
        id="ps-venue-address"
        label="地址"
        value={address}
        maxlength={200}
        onChange={setAddress}
        error={errors.address}
      />
      <Button id="ps-save-venue" loading={busy} disabled={busy} onClick={() => void save()}>
        {busy ? '正在保存…' : '保存场地'}
      </Button>
      {failure ? <Notice ok={false}>{failure}</Notice> : null}
    </View>
  );
}
