/** Alipay speaks yuan with two decimals as text; we keep integer fen, so the conversion is text
 * arithmetic and never passes through a binary fraction. */
export const yuanText = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** Fen of a yuan amount such as `12.30`, `12.3` or `12`; null for anything else. */
export function fenOfYuan(text: string | undefined): number | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text ?? '');
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
