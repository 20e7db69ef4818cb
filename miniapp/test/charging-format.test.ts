import { describe, expect, it } from 'vitest';
import {
  chargeCostText,
  costText,
  countdownText,
  distanceText,
  energyText,
  hourlyText,
  hoursText,
  minutesText,
  priceText,
} from '../src/charging/format';
import { portQrText } from '@warmcity/shared/api/charging';
import { portCodeOf } from '../src/charging/port-code';

describe('charging formatting', () => {
  it('shows distances in metres on foot and kilometres beyond', () => {
    expect(distanceText(0)).toBe('0 米');
    expect(distanceText(847)).toBe('850 米');
    expect(distanceText(999)).toBe('1000 米');
    expect(distanceText(1000)).toBe('1.0 公里');
    expect(distanceText(1249)).toBe('1.2 公里');
    expect(distanceText(12_600)).toBe('13 公里');
  });

  it('shows the price per minute in yuan, free as 免费, without float noise', () => {
    expect(priceText(0)).toBe('免费');
    expect(priceText(3)).toBe('0.03 元/分钟');
    expect(priceText(150)).toBe('1.50 元/分钟');
    expect(hourlyText(3)).toBe('合 1.80 元/小时，按分钟计费，不足 1 分钟按 1 分钟');
    expect(hourlyText(0)).toBe('');
    expect(costText(0)).toBe('0.00 元');
    expect(chargeCostText({ pricePerMinuteFen: 0, costFen: 0 })).toBe('免费');
    expect(chargeCostText({ pricePerMinuteFen: 3, costFen: 0 })).toBe('0.00 元');
    // 0.1 + 0.2 in floats would print 0.30000000000000004 yuan.
    expect(costText(30)).toBe('0.30 元');
    expect(costText(1207)).toBe('12.07 元');
  });

  it('shows opening hours, round the clock as 全天开放', () => {
    expect(hoursText({ opens: '00:00', closes: '24:00' })).toBe('全天开放');
    expect(hoursText({ opens: '07:00', closes: '22:00' })).toBe('07:00–22:00');
  });

  it('shows durations, countdowns and energy', () => {
    expect(minutesText(45)).toBe('45 分钟');
    expect(minutesText(120)).toBe('2 小时');
    expect(minutesText(90)).toBe('1 小时 30 分钟');
    expect(countdownText(15 * 60_000)).toBe('15:00');
    expect(countdownText(61_001)).toBe('01:02');
    expect(countdownText(-5)).toBe('00:00');
    expect(energyText(1234)).toBe('1.23 度');
  });

  it('reads the port code from a QR link, a bare code or a sloppy typed one', () => {
    expect(portCodeOf(portQrText('K7M2Q9XA'))).toBe('K7M2Q9XA');
    expect(portCodeOf('k7m2q9xa')).toBe('K7M2Q9XA');
    expect(portCodeOf(' K7M2 - Q9XA ')).toBe('K7M2Q9XA');
    expect(portCodeOf('')).toBe('');
  });
});
