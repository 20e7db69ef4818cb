import { isProblemCode, problems, type ProblemCode, type ProblemDocument } from '@warmcity/shared';

export type ProblemField = NonNullable<ProblemDocument['errors']>[number];

/** An error a feature throws on purpose; the error middleware answers with its problem document. */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extra: { errors?: ProblemField[]; headers?: Record<string, string> } = {},
  ) {
    // The type already refuses an undeclared code; this catches one forced past it (`as never`).
    if (!isProblemCode(code)) throw new Error(`unknown problem code "${code}": declare it in shared/src/api`);
    const definition = problems[code];
    super(detail ? `${code}: ${detail}` : code);
    this.status = definition.status;
    this.title = definition.title;
  }

  toDocument(): ProblemDocument {
    return {
      type: `urn:warmcity:problem:${this.code.toLowerCase().replaceAll('_', '-')}`,
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
    };
  }
}

/** `throw problem('SESSION_FULL')`: the one way features answer with a declared problem code. */
export function problem(
  code: ProblemCode,
  detail?: string,
  extra?: ConstructorParameters<typeof AppError>[2],
): AppError {
  return new AppError(code, detail, extra);
}
