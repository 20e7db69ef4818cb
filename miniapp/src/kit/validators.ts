/** Checks shared by the course and venue forms, worded for staff; the limits mirror the contract's `text(max)`. */

export function required(value: string, label: string, max: number): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return `请填写${label}`;
  if (trimmed.length > max) return `${label}最多 ${max} 个字`;
  return undefined;
}

export function wholeNumberIn(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** The BFF's field errors (`body.title`) placed under the form's own fields. */
export function fieldErrors<F extends string>(
  errors: ReadonlyArray<{ path: string }> | undefined,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const placed: Partial<Record<F, string>> = {};
  for (const { path } of errors ?? []) {
    const field = fields.find((f) => path === `body.${f}`);
    if (field) placed[field] = '请检查此项';
  }
  return placed;
}
