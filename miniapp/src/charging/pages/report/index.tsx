import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ReportView } from '@warmcity/shared/api/charging';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, Chip, FormRow, Notice, TextRow, toast, useAction } from '../../../kit';
import { reportKindText } from '../../labels';
import { locate, type Point } from '../../location';
import { PhotoPicker } from '../../PhotoPicker';
import { ReportSite } from '../../ReportSite';
import { SignedInPage } from '../../SignedInPage';
import '../../charging.css';

const api = routes.charging;
const kinds = Object.keys(reportKindText) as ReportView['kind'][];
// The contract's MAX_REPORT_PHOTOS; importing it would bring zod into the bundle.
const MAX_PHOTOS = 4;

/** 上报隐患: what (私拉电线, 楼道充电, a faulty port), where, a description and photos. */
function Report() {
  const fixedSite = useRouter().params.siteId ?? null;
  const [siteId, setSiteId] = useState<string | null>(fixedSite);
  const [kind, setKind] = useState<ReportView['kind']>(kinds[0]!);
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [point, setPoint] = useState<Point | null>(null);
  const [errors, setErrors] = useState<{ place?: string; description?: string }>({});

  const pin = useAction(async () => {
    const here = await locate();
    if (!here) throw new Error('no location');
    setPoint(here);
  });
  const send = useAction(async (site: string) => {
    await call(api.createReport, {
      body: {
        siteId: site,
        kind,
        place: place.trim(),
        description: description.trim(),
        photoIds: photos,
        ...(point ? { location: point } : {}),
      },
    });
    toast('已上报，感谢您', 'success');
    await Taro.redirectTo({ url: '/charging/pages/reports/index' });
  });
  const submit = () => {
    const found = {
      place: place.trim() ? undefined : '请写明位置，例如“3 幢 2 单元楼道”',
      description: description.trim().length >= 4 ? undefined : '请简单描述看到的情况（至少 4 个字）',
    };
    setErrors(found);
    if (!found.place && !found.description && siteId) void send.run(siteId);
  };

  return (
    <>
      <Text className="ch-hero__sub">
        看到私拉电线、楼道或室内充电、损坏的充电口，请告诉我们，工作人员会尽快处理并回复您。
      </Text>
      <ReportSite fixedId={fixedSite} chosen={siteId} onChoose={setSiteId} />
      <View className="kit-card">
        <FormRow label="隐患类型">
          <View className="ch-chips" role="group" aria-label="隐患类型">
            {kinds.map((k) => (
              <Chip key={k} on={kind === k} onClick={() => setKind(k)}>
                {reportKindText[k]}
              </Chip>
            ))}
          </View>
        </FormRow>
        <TextRow
          id="ch-report-place"
          label="具体位置"
          value={place}
          onChange={setPlace}
          maxlength={100}
          placeholder="例如：3 幢 2 单元一楼楼道"
          error={errors.place}
        />
        <Button kind="secondary" id="ch-report-pin" loading={pin.busy} onClick={() => void pin.run()}>
          {point ? '已附上当前位置' : '附上我的当前位置（可选）'}
        </Button>
        {pin.error ? <Notice ok={false}>没有获取到位置，写明具体位置即可</Notice> : null}
        <TextRow
          id="ch-report-description"
          label="情况描述"
          value={description}
          onChange={setDescription}
          maxlength={1000}
          multiline
          placeholder="例如：二楼窗口拉出电线给电动车充电"
          error={errors.description}
        />
        <FormRow label={`照片（可选，最多 ${MAX_PHOTOS} 张）`}>
          <PhotoPicker max={MAX_PHOTOS} onChange={setPhotos} />
        </FormRow>
        <Text className="ch-line">照片中的拍摄地点等信息会在保存前去除。</Text>
      </View>
      {send.error ? <Notice ok={false}>{send.error}</Notice> : null}
      <Button id="ch-report-submit" loading={send.busy} disabled={!siteId} onClick={submit}>
        提交上报
      </Button>
    </>
  );
}

// Photos upload as they are picked, which needs the account already.
export default function ReportPage() {
  return (
    <SignedInPage title="上报充电隐患" prompt="登录后上报充电隐患">
      {() => <Report />}
    </SignedInPage>
  );
}
