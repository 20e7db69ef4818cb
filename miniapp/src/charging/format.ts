/** How charging figures read to a resident: distances, prices, durations, energy. */

/** 850 m, 1.2 km, 12 km: metres while walking distance, kilometres after. */
export function distanceText(metres: number): string {
  if (metres < 1000) return `${Math.max(0, Math.round(metres / 10) * 10)} 米`;
  const km = metres / 1000;
  return km < 10 ? `${km.toFixed(1)} 公里` : `${Math.round(km)} 公里`;
}

/** Fen as yuan digits, by integer arithmetic so no float rounding shows: 3 → 0.03, 150 → 1.50. */
export function yuanDigits(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** The price as it stands beside the QR code: 免费, or 0.03 元/分钟 (billed by the minute). */
export const priceText = (fenPerMinute: number) =>
  fenPerMinute === 0 ? '免费' : `${yuanDigits(fenPerMinute)} 元/分钟`;

/** What an hour costs, so "0.03 元/分钟" can be read against other apps' hourly prices, and how
 * minutes are counted (the contract's `billedMinutes`: a started minute counts, never an hour). */
export const hourlyText = (fenPerMinute: number) =>
  fenPerMinute === 0 ? '' : `合 ${yuanDigits(fenPerMinute * 60)} 元/小时，按分钟计费，不足 1 分钟按 1 分钟`;

/** 全天开放, or 07:00–22:00 (China time, as the site states it). */
export const hoursText = (hours: { opens: string; closes: string }) =>
  hours.opens === '00:00' && hours.closes === '24:00' ? '全天开放' : `${hours.opens}–${hours.closes}`;

export const costText = (fen: number) => `${yuanDigits(fen)} 元`;

/** A charge's cost: 免费 at a free site; at a paid one the amount, 0.00 元 in its first seconds. */
export const chargeCostText = (charge: { pricePerMinuteFen: number; costFen: number }) =>
  charge.pricePerMinuteFen === 0 ? '免费' : costText(charge.costFen);

/** 45 分钟, 2 小时, 1 小时 30 分钟. */
export function minutesText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} 分钟`;
  return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`;
}

/** A countdown as mm:ss (a reservation held for 15 minutes at most). */
export function countdownText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Wh as 度 (kWh), which is what the electricity bill says: 1234 → 1.23 度. */
export const energyText = (wh: number) => `${(wh / 1000).toFixed(2)} 度`;
