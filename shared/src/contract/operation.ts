import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call an operation. `resident` means any signed-in account; `optional` reads the
 * session when one is sent (e.g. to show "my booking" on a public list) and never demands it. */
export type Access = 'public' | 'optional' | 'resident' | 'staff' | 'admin';

export type Role = 'resident' | 'staff' | 'admin';

export interface OperationSpec {
  /** Stable operation id, `feature.verbNoun`; also the OpenAPI operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Koa-style path with `:name` parameters, always under `/api` except the probes. */
  readonly path: string;
  readonly summary: string;
  readonly access: Access;
  /** Creating POSTs demand an `Idempotency-Key` header; retries replay the first answer. */
  readonly idempotent?: boolean;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** A `multipart/form-data` upload (what `Taro.uploadFile` sends) instead of a JSON body: one
   * file in the field `file`, at most `maxBytes`, of one of the `accept` media types (sniffed
   * from the bytes). The handler reads the stream itself, after its rate limit. */
  readonly multipart?: { readonly file: string; readonly maxBytes: number; readonly accept: readonly string[] };
  readonly response: z.ZodType;
  /** Success status; 200 unless said otherwise (201 for creations, 204 for no content). */
  readonly status?: 200 | 201 | 202 | 204;
  /** Problem codes this operation may answer with, besides the generic ones. */
  readonly problems?: readonly string[];
  /** `Cache-Control` of a success; every other /api answer is `no-store`. Only for answers that
   * are the same for everyone and carry nothing personal. */
  readonly cacheControl?: string;
  /** Responses that are not JSON (an `.ics`, a PNG) name their media type here. A range
   * (`image/*`) means the handler sets the exact type inside it on `ctx.type`. */
  readonly produces?: string;
  /** A body that is not JSON: only a payment platform's callback, which sends a form. */
  readonly consumes?: 'application/x-www-form-urlencoded';
}

/** Declares an operation once; the literal type is kept so both sides see the exact schemas. */
export function defineOperation<const S extends OperationSpec>(spec: S): S {
  return spec;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;
type InferIn<T> = T extends z.ZodType ? z.input<T> : undefined;

/** What a handler receives after validation. */
export interface OperationInput<S extends OperationSpec> {
  params: Infer<S['params']>;
  query: Infer<S['query']>;
  body: Infer<S['body']>;
}

/** What a handler must return: the response schema's input (so a wrong shape fails typecheck). */
export type OperationResult<S extends OperationSpec> = z.input<S['response']>;

/** What the client sends: params, query and body as their schemas accept them. */
export type OperationRequest<S extends OperationSpec> = DropUndefined<{
  params: InferIn<S['params']>;
  query: InferIn<S['query']>;
  body: InferIn<S['body']>;
}>;

/** What the client gets back. */
export type OperationResponse<S extends OperationSpec> = z.output<S['response']>;

type DropUndefined<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Fills `:name` segments of a path; values are URI-encoded. */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}
