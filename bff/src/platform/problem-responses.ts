import type { Context, Middleware } from 'koa';
import { ZodError } from 'zod';
import type { ProblemCode } from '@warmcity/shared';
import { isDatabaseUnavailable } from './database';
import { AppError, problem } from './problem';
import { validationProblem } from './validation';

// What body parsing (co-body/raw-body) and static serving (koa-send) throw, by `type` or status.
const bodyErrors: Record<string, ProblemCode> = {
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.verify.failed': 'MALFORMED_JSON',
  'request.size.invalid': 'MALFORMED_JSON',
  'request.aborted': 'MALFORMED_JSON',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
};
const clientStatuses: Record<number, ProblemCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Maps anything thrown to the problem the client sees. Only our own AppErrors and the framework's
 * client errors say anything specific; everything else is a 500 that says nothing. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return validationProblem([['', error]]);
  if (isDatabaseUnavailable(error)) return problem('DATABASE_UNAVAILABLE');
  const { type, status, expose } = (error ?? {}) as { type?: unknown; status?: unknown; expose?: unknown };
  if (typeof type === 'string' && bodyErrors[type]) return problem(bodyErrors[type]);
  // co-body marks a JSON syntax error (and a `__proto__` key) only with status 400.
  if (error instanceof SyntaxError && status === 400) return problem('MALFORMED_JSON');
  if (expose === true && typeof status === 'number' && clientStatuses[status]) return problem(clientStatuses[status]);
  return problem('INTERNAL');
}

function writeProblem(ctx: Context, appError: AppError) {
  ctx.status = appError.status;
  for (const [name, value] of Object.entries(appError.extra.headers ?? {})) ctx.set(name, value);
  if (appError.status === 401) ctx.set('WWW-Authenticate', 'Bearer');
  ctx.remove('Content-Disposition');
  // A cacheable operation's failure is not.
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/problem+json';
  ctx.body = JSON.stringify(appError.toDocument());
}

/** RFC 9457 problem+json for every error; no stack trace or driver message reaches a client. */
export const problemResponses: Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    const appError = toAppError(error);
    if (appError.status >= 500) ctx.state.error = error;
    // Once a stream has started there is no way to turn it into a problem; the log has the cause.
    if (ctx.headerSent || !ctx.writable) {
      ctx.state.error = error;
      return;
    }
    writeProblem(ctx, appError);
  }
};
