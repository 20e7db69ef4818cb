import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { OperationSpec } from '@warmcity/shared';
import { authorise } from './access';
import { requireActiveAccount } from './account-status';
import type { Deps } from './deps';
import { isDatabaseUnavailable } from './database';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  failIdempotencyKey,
  fingerprintOf,
  readIdempotencyKey,
  releaseIdempotencyKey,
} from './idempotency';
import { formBody } from './form-body';
import { notYetImplemented, type BoundHandler, type Implementation } from './implement';
import { jsonBody } from './json-body';
import { AppError, problem } from './problem';
import { validateInput } from './validation';

/** A handler answered with something its response schema refuses: our bug, so a 500, and the
 * log names the failing paths (never the values). */
export class ResponseShapeError extends Error {
  override name = 'ResponseShapeError';
  constructor(operationId: string, paths: string[]) {
    super(`${operationId} answered outside its response schema at ${paths.join(', ')}`);
  }
}

function serialise(operation: OperationSpec, result: unknown): { status: number; body: string | Buffer | null } {
  const status = operation.status ?? 200;
  if (status === 204) return { status, body: null };
  const parsed = operation.response.safeParse(result);
  if (!parsed.success) {
    const paths = parsed.error.issues.map(
      (issue) => [...issue.path.map(String), ...('keys' in issue ? issue.keys : [])].join('.') || '(root)',
    );
    throw new ResponseShapeError(operation.id, paths);
  }
  if (operation.produces) return { status, body: parsed.data as string | Buffer };
  return { status, body: JSON.stringify(parsed.data) };
}

function send(ctx: Context, operation: OperationSpec, status: number, body: string | Buffer | null) {
  ctx.status = status;
  if (operation.cacheControl) ctx.set('Cache-Control', operation.cacheControl);
  if (body === null) return;
  if (!operation.produces?.endsWith('/*')) ctx.type = operation.produces ?? 'application/json';
  else if (!ctx.response.is(operation.produces))
    throw new Error(`${operation.id} did not set a type inside ${operation.produces}`);
  ctx.body = body;
}

/** Session → idempotency key → body → validation → (claim) → handler → response schema. */
function handle(operation: OperationSpec, handler: BoundHandler, deps: Deps): Middleware {
  return async (ctx) => {
    const user = ctx.state.user ?? null;
    const idempotencyKey = operation.idempotent
      ? readIdempotencyKey(ctx.get('Idempotency-Key') || undefined)
      : undefined;
    const input = validateInput(operation, { params: ctx.params, query: ctx.query, body: ctx.request.body });
    const run = async () => serialise(operation, await handler({ ...input, user, idempotencyKey, ctx, deps }));

    if (!idempotencyKey || !user) {
      const { status, body } = await run();
      return send(ctx, operation, status, body);
    }
    const claim = await claimIdempotencyKey(deps.connection, {
      userId: user.id,
      key: idempotencyKey,
      fingerprint: fingerprintOf(operation.id, input),
      now: deps.clock.now(),
    });
    if (claim.kind === 'replay') {
      ctx.set('Idempotent-Replayed', 'true');
      return send(ctx, operation, claim.status, claim.body === '' ? null : claim.body);
    }
    let answer: Awaited<ReturnType<typeof run>>;
    try {
      answer = await run();
    } catch (error) {
      // A declared problem is a refusal, and everything that can refuse is checked before the
      // first write (README), so nothing was written and the key is given back. Anything else may
      // have struck after a write: the key stays bound and a retry is told the outcome is in doubt.
      // The handler's error is the one to report; a claim we fail to update is taken over once it
      // counts as abandoned.
      const settle = error instanceof AppError ? releaseIdempotencyKey : failIdempotencyKey;
      const settling = settle(deps.connection, claim.id).catch(() => undefined);
      // With the database away the settle would wait out server selection too; the 503 must not.
      if (!isDatabaseUnavailable(error)) await settling;
      throw error;
    }
    await completeIdempotencyKey(
      deps.connection,
      claim.id,
      answer.status,
      answer.body === null ? '' : String(answer.body),
    );
    send(ctx, operation, answer.status, answer.body);
  };
}

// A platform's callback form is a few kilobytes; nothing bigger is read.
const FORM_LIMIT = '16kb';
// An upload's handler reads the stream itself, once its rate limit has passed; anything but a
// form is refused here, unread.
const multipartOnly: Middleware = async (ctx, next) => {
  if (!ctx.is('multipart/form-data')) throw problem('UNSUPPORTED_MEDIA_TYPE');
  await next();
};

/** Registers each operation's route: its pattern for the request log, its session check, body
 * parsing (only once the caller is known), then the handler. */
export function bindOperations(router: Router, implementations: readonly Implementation[], deps: Deps): void {
  const json = jsonBody(deps.config.BODY_LIMIT);
  const form = formBody(FORM_LIMIT);
  for (const { operation, handler } of implementations) {
    const body = operation.consumes ? form : json;
    const authenticate: Middleware = async (ctx, next) => {
      ctx.state.route = operation.path;
      ctx.state.operationId = operation.id;
      const user = authorise(operation.access, ctx.get('Authorization') || undefined, deps.config);
      // A token outlives a deletion or suspension by up to its lifetime; this read ends it at once.
      if (user) await requireActiveAccount(deps.connection, user.id);
      ctx.state.user = user ?? undefined;
      await next();
    };
    const input = operation.multipart ? multipartOnly : body;
    router.register(operation.path, [operation.method], [authenticate, input, handle(operation, handler, deps)]);
  }
}

/**
 * Handlers for the operations of features whose contract has landed before their code: they
 * authenticate and validate like real ones (so the route walk covers them), then answer 501.
 * A feature that ships any handler must leave the pending list, so nothing is half-implemented.
 */
export function placeholdersFor(
  declared: readonly OperationSpec[],
  implementations: readonly Implementation[],
  pendingFeatures: readonly string[],
): Implementation[] {
  const featureOf = (operation: OperationSpec) => operation.id.split('.')[0] ?? '';
  const landed = new Set(implementations.map(({ operation }) => featureOf(operation)));
  const early = pendingFeatures.filter((feature) => landed.has(feature));
  if (early.length > 0) throw new Error(`Features with handlers are still listed as pending: ${early.join(', ')}`);
  return notYetImplemented(declared.filter((operation) => pendingFeatures.includes(featureOf(operation))));
}

const pathParams = (path: string) => [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]).sort();

/**
 * Start-up check that the contract and the code agree: every declared operation has exactly one
 * handler, nothing is handled that is not declared, each path's `:params` are what its params
 * schema declares, and idempotent operations know whose key they store (a session) and answer JSON.
 */
export function checkImplementations(
  declared: readonly OperationSpec[],
  implementations: readonly Implementation[],
): void {
  const problems: string[] = [];
  const declaredIds = new Set(declared.map((operation) => operation.id));
  const counts = new Map<string, number>();
  for (const { operation } of implementations) {
    counts.set(operation.id, (counts.get(operation.id) ?? 0) + 1);
    if (!declaredIds.has(operation.id))
      problems.push(`${operation.id} has a handler but is not declared in shared operations`);
  }
  const routes = new Set<string>();
  for (const operation of declared) {
    const count = counts.get(operation.id) ?? 0;
    if (count !== 1) problems.push(`${operation.id} has ${count} handlers, needs exactly 1`);
    const route = `${operation.method} ${operation.path.replace(/:[A-Za-z_][A-Za-z0-9_]*/g, ':')}`;
    if (routes.has(route)) problems.push(`${operation.id} repeats the route ${route}`);
    routes.add(route);
    const declaredParams = Object.keys(operation.params?.shape ?? {}).sort();
    if (pathParams(operation.path).join() !== declaredParams.join()) {
      problems.push(`${operation.id}: path parameters of ${operation.path} differ from its params schema`);
    }
    if (operation.idempotent && (operation.access === 'public' || operation.access === 'optional')) {
      problems.push(`${operation.id} is idempotent, so it needs a session to scope its keys`);
    }
    if (operation.idempotent && operation.produces) problems.push(`${operation.id} is idempotent and must answer JSON`);
    if (operation.multipart && operation.body)
      problems.push(`${operation.id} takes a form, so it declares no JSON body`);
  }
  if (problems.length > 0) throw new Error(`The contract and the handlers disagree:\n  ${problems.join('\n  ')}`);
}
