// Pure helpers shared by the Taro config (build time) and the test setup: they turn the
// contract into the small tables the client needs at run time, so the bundle carries no zod.

interface OperationLike {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly idempotent?: boolean;
  readonly produces?: string;
}

export interface RouteEntry {
  id: string;
  method: string;
  path: string;
  idempotent: boolean;
  /** Set for answers that are not JSON (an .ics, a PNG). */
  produces?: string;
}

export function routeTable(
  api: Record<string, Record<string, OperationLike>>,
): Record<string, Record<string, RouteEntry>> {
  return Object.fromEntries(
    Object.entries(api).map(([feature, ops]) => [
      feature,
      Object.fromEntries(
        Object.entries(ops).map(([key, op]) => [
          key,
          {
            id: op.id,
            method: op.method,
            path: op.path,
            idempotent: op.idempotent === true,
            ...(op.produces ? { produces: op.produces } : {}),
          },
        ]),
      ),
    ]),
  );
}

export function problemTexts(problems: Record<string, { zh: string }>): Record<string, string> {
  return Object.fromEntries(Object.entries(problems).map(([code, p]) => [code, p.zh]));
}
