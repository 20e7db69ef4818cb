import type { DeviceMessage, SiteSummary } from '@warmcity/shared/api/charging';
import { deviceClient } from '../../simulate/device-client';
import { callApi } from './h5';

const DEVICE_PATH = '/api/charging/device/messages';

export type Api = (method: string, path: string, token?: string, body?: unknown) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers, read loosely as tests do

/** The set-up and the port's side of the charging e2e, as real API and device calls. */
export async function chargingDemo(url: string) {
  const api: Api = (method, path, token, body) => callApi(url, method, path, token, body);
  const admin = (await api('POST', '/api/accounts/sign-in', undefined, { provider: 'dev', code: 'demo-admin' }))
    .accessToken as string;

  /** The seeded 头陀镇 site nearest its centre that charges by the minute (or, `free`, that does
   * not) and has ports free now. */
  async function siteInToutuo(kind: 'paid' | 'free'): Promise<SiteSummary> {
    const towns = (await api('GET', '/api/charging/towns')).items as {
      name: string;
      center: { lat: number; lng: number };
    }[];
    const toutuo = towns.find((town) => town.name === '头陀镇');
    if (!toutuo) throw new Error('the seed has no 头陀镇');
    const query = `lat=${toutuo.center.lat.toFixed(6)}&lng=${toutuo.center.lng.toFixed(6)}&radiusM=20000`;
    const sites = (await api('GET', `/api/charging/sites?${query}`)).items as SiteSummary[];
    const site = sites.find((s) => s.pricePerMinuteFen > 0 === (kind === 'paid') && s.freePorts > 0 && s.openNow);
    if (!site) throw new Error(`no open ${kind} site with free ports near 头陀镇`);
    return site;
  }
  const paidSiteInToutuo = () => siteInToutuo('paid');
  const freeSiteInToutuo = () => siteInToutuo('free');

  /** The port of a code as its device: a fresh secret from the staff tools (the seeded ones are
   * stored encrypted), then signed OCPP-shaped messages, as the simulator sends them. */
  async function device(siteId: string, code: string) {
    const ports = (await api('GET', `/api/charging/staff/sites/${siteId}/ports`, admin)).items as {
      id: string;
      code: string;
    }[];
    const port = ports.find((p) => p.code === code);
    if (!port) throw new Error(`no port ${code} at ${siteId}`);
    const credentials = await api('POST', `/api/charging/staff/ports/${port.id}/device-secret`, admin);
    const send = deviceClient(url, { deviceId: credentials.deviceId, secret: credentials.secret });
    const say = async (message: DeviceMessage) => {
      const answer = await send(DEVICE_PATH, message);
      if (answer.status !== 200) throw new Error(`device ${message.action}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    const at = () => new Date().toISOString();
    return {
      plugIn: () => say({ action: 'StatusNotification', status: 'Preparing', errorCode: 'NoError', timestamp: at() }),
      meter: (meterWh: number) => say({ action: 'MeterValues', meterWh, timestamp: at() }),
    };
  }

  return { api, admin, paidSiteInToutuo, freeSiteInToutuo, device };
}
