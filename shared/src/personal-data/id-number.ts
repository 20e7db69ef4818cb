/** Resident identity numbers under GB 11643-1999: 6-digit region, 8-digit birth date,
 * 3-digit sequence, and a check character from ISO 7064 MOD 11-2. */

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export type IdNumberProblem = 'format' | 'birth-date' | 'check-digit';

/** The check character the first 17 digits demand. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

/** Upper-cases a trailing `x` so one person has one spelling (and one lookup key). */
export function normaliseIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/** `null` when valid; otherwise what is wrong, so the caller can answer with a precise code. */
export function checkIdNumber(idNumber: string): IdNumberProblem | null {
  const value = normaliseIdNumber(idNumber);
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return 'format';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const valid =
    year >= 1900 &&
    birth.getUTCFullYear() === year &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day &&
    birth.getTime() <= Date.now();
  if (!valid) return 'birth-date';
  return idNumberCheckChar(value) === value[17] ? null : 'check-digit';
}
