import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OperationResponse, api as contract } from '@warmcity/shared';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, LinkRow, ListState, Notice, PageFrame, TextRow, WithParam, useAction, useLoad } from '../../../kit';
import { clock } from '../../../kit/time';
import { costText, energyText, minutesText } from '../../format';
import { portStatusText } from '../../labels';
import { Figure } from '../../SessionSummary';
import { SiteSettings } from '../../SiteSettings';
import { openSignedFile } from '../../../kit/signed-file';
import '../../charging.css';

const api = routes.charging;
type Credentials = OperationResponse<(typeof contract)['charging']['staffCreatePort']>;

function Today({ siteId }: { siteId: string }) {
  const today = useLoad(() => call(api.staffSiteToday, { params: { id: siteId } }), siteId);
  const t = today.data;
  return (
    <View className="kit-card" id="ch-staff-today">
      <Text className="kit-card__title">今日概况</Text>
      <ListState loading={!t} error={today.error} empty={false} onRetry={today.reload}>
        {t ? (
          <View className="ch-figures">
            <Figure n={`${t.occupancy.charging}/${t.occupancy.total}`} label="正在充电" />
            <Figure n={String(t.occupancy.reserved)} label="已预约" />
            <Figure n={String(t.occupancy.fault + t.occupancy.offline)} label="故障/离线" />
            <Figure n={String(t.usage.sessions)} label="今日充电次数" />
            <Figure n={minutesText(t.usage.minutes)} label="充电时长" />
            <Figure n={energyText(t.usage.energyWh)} label="用电量" />
            <Figure n={costText(t.usage.revenueFen)} label="收入" />
            <Figure n={String(t.usage.noShows)} label="预约未到" />
          </View>
        ) : null}
      </ListState>
    </View>
  );
}

/** The ports of a site: state as the device last said, out of service, the printable QR, and a
 * new port whose device secret is shown this once. */
function Ports({ siteId }: { siteId: string }) {
  const ports = useLoad(() => call(api.staffListPorts, { params: { id: siteId } }), siteId);
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<Credentials | null>(null);
  const add = useAction(async () => {
    setCreated(await call(api.staffCreatePort, { params: { id: siteId }, body: { label: label.trim() } }));
    setLabel('');
    ports.reload();
  });
  const service = useAction(async (portId: string, outOfService: boolean) => {
    await call(api.staffUpdatePort, { params: { id: portId }, body: { outOfService } });
    ports.reload();
  });
  const qr = useAction((portId: string) => openSignedFile(`/api/charging/staff/ports/${portId}/qr.png`, 'png'));
  const items = ports.data?.items ?? [];
  const failure = add.error ?? service.error ?? qr.error;

  return (
    <View className="kit-card">
      <Text className="kit-card__title">充电口</Text>
      <ListState
        loading={!ports.data}
        error={ports.error}
        empty={items.length === 0}
        emptyText="还没有充电口"
        onRetry={ports.reload}
      >
        {items.map((port) => (
          <View key={port.id} className="ch-staff-port">
            <View className="ch-row">
              <Text className="ch-strong">
                {port.label} · {port.code}
              </Text>
              <Text className={`ch-port ch-port--${port.status} ch-port--inline`}>{portStatusText[port.status]}</Text>
            </View>
            <Text className="ch-line">
              设备 {port.deviceId}
              {port.lastHeartbeatAt ? ` · 最近心跳 ${clock(port.lastHeartbeatAt)}` : ' · 尚未上线'}
              {port.faultCode ? ` · 故障码 ${port.faultCode}` : ''}
            </Text>
            <View className="kit-row">
              <Button kind="secondary" onClick={() => void qr.run(port.id)}>
                二维码
              </Button>
              <Button
                kind={port.outOfService ? 'secondary' : 'danger'}
                loading={service.busy}
                onClick={() => void service.run(port.id, !port.outOfService)}
              >
                {port.outOfService ? '恢复使用' : '停用'}
              </Button>
            </View>
          </View>
        ))}
      </ListState>
      <TextRow
        id="ch-staff-port-label"
        label="新增充电口"
        value={label}
        onChange={setLabel}
        maxlength={20}
        placeholder="喷涂在充电口上的名称，如 13号"
      />
      <Button kind="secondary" loading={add.busy} disabled={!label.trim()} onClick={() => void add.run()}>
        添加充电口
      </Button>
      {created ? (
        <Notice ok id="ch-staff-credentials">
          已添加 {created.port.label}（编号 {created.port.code}）。设备 ID {created.deviceId}，密钥 {created.secret}
          ：请现在写入设备，密钥不会再次显示。
        </Notice>
      ) : null}
      {failure ? <Notice ok={false}>{failure}</Notice> : null}
    </View>
  );
}

/** 站点管理 for one site of the staff member's: today's figures, the ports, the printable QR
 * sheet, the reports, and the site's price and hours. */
function StaffSite({ siteId }: { siteId: string }) {
  const sites = useLoad(() => call(api.staffListSites), 'staff-sites');
  const site = sites.data?.items.find((s) => s.id === siteId);
  const sheet = useAction(() => openSignedFile(`/api/charging/staff/sites/${siteId}/qr.pdf`, 'pdf'));

  return (
    <PageFrame title="充电站点管理" className="charging">
      <ListState
        loading={!sites.data}
        error={sites.error}
        empty={!site}
        emptyText="没有这个站点的管理权限"
        onRetry={sites.reload}
      >
        {site ? (
          <>
            <Text className="ch-hero__title" id="ch-staff-site">
              {site.name}
            </Text>
            <Text className="ch-hero__sub">{site.address}</Text>
            <Today siteId={siteId} />
            <View className="kit-group">
              <LinkRow
                id="ch-staff-open-reports"
                title="隐患上报"
                desc="接单、处理并回复居民"
                onClick={() => void Taro.navigateTo({ url: `/charging/pages/staff-reports/index?scope=${siteId}` })}
              />
              <LinkRow
                title="打印全部充电口二维码"
                desc="PDF，附编号、价格与安全提示"
                onClick={() => void sheet.run()}
              />
            </View>
            {sheet.error ? <Notice ok={false}>{sheet.error}</Notice> : null}
            <Ports siteId={siteId} />
            <SiteSettings site={site} onSaved={sites.reload} />
          </>
        ) : null}
      </ListState>
    </PageFrame>
  );
}

export default function StaffSitePage() {
  return (
    <WithParam name="scope" title="充电站点管理">
      {(siteId) => <StaffSite siteId={siteId} />}
    </WithParam>
  );
}
