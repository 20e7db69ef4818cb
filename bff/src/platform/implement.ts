import type { Context } from 'koa';
import type { OperationInput, OperationResult, OperationSpec } from '@warmcity/shared';
import type { Deps } from './deps';
import { problem } from './problem';
import type { SessionUser } from './session';

type UserFor<S extends OperationSpec> = S['access'] extends 'public'
  ? null
  : S['access'] extends 'optional'
    ? SessionUser | null
    : SessionUser;

/** An operation's validated body, query and params, for service signatures: `Body<Api['book']>`. */
export type Body<S extends OperationSpec> = OperationInput<S>['body'];
export type Query<S extends OperationSpec> = OperationInput<S>['query'];
export type Params<S extends OperationSpec> = OperationInput<S>['params'];

/** What a handler receives: validated input typed from its declaration, the session its access
 * level guarantees, and the app's dependencies. */
export interface HandlerInput<S extends OperationSpec> extends OperationInput<S> {
  readonly user: UserFor<S>;
  readonly idempotencyKey: S['idempotent'] extends true ? string : undefined;
  /** For headers such as `Location`; the body and status are set from the return value. */
  readonly ctx: Context;
  readonly deps: Deps;
}

export type Handler<S extends OperationSpec> = (
  input: HandlerInput<S>,
) => OperationResult<S> | Promise<OperationResult<S>>;

/** A handler once its operation's types are erased, as the binder calls it. */
export type BoundHandler = (input: {
  params: unknown;
  query: unknown;
  body: unknown;
  user: SessionUser | null;
  idempotencyKey: string | undefined;
  ctx: Context;
  deps: Deps;
}) => unknown;

export interface Implementation {
  readonly operation: OperationSpec;
  readonly handler: BoundHandler;
}

/**
 * Binds a feature's declared operations to their handlers. Every operation of the feature needs
 * one (a missing key fails typecheck), and each handler's return value must match its response
 * schema's type.
 */
export function implement<const F extends Record<string, OperationSpec>>(
  feature: F,
  handlers: NoInfer<{ readonly [K in keyof F]: Handler<F[K]> }>,
): Implementation[] {
  return Object.entries(feature).map(([name, operation]) => ({
    operation,
    handler: handlers[name as keyof F] as BoundHandler,
  }));
}

/** Handlers for declared operations whose code has not landed (a feature built on several
 * branches at once): they authenticate and validate like real ones, then answer 501. */
export function notYetImplemented(operations: readonly OperationSpec[]): Implementation[] {
  return operations.map((operation) => ({
    operation,
    handler: () => {
      throw problem('NOT_IMPLEMENTED');
    },
  }));
}
