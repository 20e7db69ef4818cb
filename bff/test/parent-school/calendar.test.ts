import { describe, expect, it } from 'vitest';
import { calendarFile } from '../../src/features/parent-school/calendar';

const event = (summary: string, description = '说明') =>
  calendarFile({
    uid: 'booking-1@warmcity',
    start: new Date('2030-05-01T08:00:00Z'),
    end: new Date('2030-05-01T08:30:00Z'),
    stamp: new Date('2030-04-01T00:00:00Z'),
    summary,
    location: '东门广场',
    description,
  });

/** The content lines of a file, unfolded (RFC 5545 §3.1). */
const contentLines = (file: string) =>
  file
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .slice(0, -1);

describe('the .ics file (RFC 5545)', () => {
  it('escapes text so no title can start a property of its own (§3.3.11)', () => {
    const file = event('家长课\rATTENDEE:mailto:a@example.com\nX-A:1\r\nX-B:2;3,4\\5\u0000\u001b\u007f');
    // Every line break in the file is CRLF, and every line is a property we wrote.
    expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const names = contentLines(file).map((line) => line.split(/[:;]/)[0]);
    expect(names).not.toContain('ATTENDEE');
    expect(names).not.toContain('X-A');
    expect(contentLines(file)).toContain('SUMMARY:家长课\\nATTENDEE:mailto:a@example.com\\nX-A:1\\nX-B:2\\;3\\,4\\\\5');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(file).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  });

  it('folds lines at 75 octets without splitting a character, and unfolds to the same text', () => {
    const long = '如何激发孩子的学习动力'.repeat(12);
    const file = event(long, `${'a'.repeat(100)}，${long}`);
    for (const line of file.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(contentLines(file)).toContain(`SUMMARY:${long}`);
    expect(file).not.toContain('\uFFFD');
  });
});
