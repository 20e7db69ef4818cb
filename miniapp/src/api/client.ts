import Taro from '@tarojs/taro';
import type { OperationRequest, OperationResponse, OperationSpec } from '@warmcity/shared';
// Only the zod-free module of the contract ships in the bundle (see routes.ts).
import { buildPath } from '@warmcity/shared/contract/operation';
import { ApiError, GENERIC_MESSAGE, NetworkError, problemMessage } from './errors';
import type { Route } from './routes';
import { taroTokenStore, type TokenStore } from './tokens';

export { ApiError, NetworkError } from './errors';

/** Obtains a fresh access token after a 401 and puts it in the token store; true on success. */
export type Refresher = () => Promise<boolean>;

export interface ClientOptions {
  /** Origin the paths are appended to; '' for same-origin (H5). */
  baseUrl: string;
  tokens: TokenStore;
  refresher?: Refresher | null;
  /** Milliseconds before a request counts as a network failure. */
  timeout?: number;
  /** Extra attempts after a network failure, only for GETs and idempotent operations. */
  networkRetries?: number;
}

type Operation = Pick<OperationSpec, 'id' | 'method' | 'path' | 'idempotent' | 'produces'>;

/* eslint-disable @typescript-eslint/no-empty-object-type -- `{} extends T` is the test for "every field of T is optional" */
/** The contract's request, where a part whose fields are all optional (e.g. paging) may be left out. */
export type ClientRequest<Op extends OperationSpec> = OptionalIfEmpty<OperationRequest<Op>>;

type OptionalIfEmpty<T> = { [K in keyof T as {} extends T[K] ? K : never]?: T[K] } & {
  [K in keyof T as {} extends T[K] ? never : K]: T[K];
};

/** The request argument, itself optional when nothing in it is required. */
export type RequestArgs<Op extends OperationSpec> =
  {} extends ClientRequest<Op> ? [request?: ClientRequest<Op>] : [request: ClientRequest<Op>];

/* eslint-enable @typescript-eslint/no-empty-object-type */

type Scalar = string | number | boolean | null | undefined;

export function toQueryString(query: Record<string, Scalar | readonly Scalar[]> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A random RFC 4122 v4-shaped id; mini-program runtimes have no crypto.randomUUID. */
export function idempotencyKey(): string {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string' || data === '') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function toApiError(res: RawResponse): ApiError {
  const body = parseBody(res.data);
  if (body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string') {
    const problem = body as { code: string; errors?: ApiError['errors'] };
    return new ApiError(problem.code, res.statusCode, problemMessage(problem.code), problem.errors);
  }
  return new ApiError(`HTTP_${res.statusCode}`, res.statusCode, GENERIC_MESSAGE);
}

export function createClient(options: ClientOptions) {
  let refresher = options.refresher ?? null;
  let refreshing: Promise<boolean> | null = null;

  // Parallel 401s share one refresh: a rotating refresh token may be used only once.
  function refreshOnce(): Promise<boolean> {
    if (!refresher) return Promise.resolve(false);
    refreshing ??= refresher()
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  async function send(op: Operation, url: string, body: unknown, key: string | undefined): Promise<RawResponse> {
    const header: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    const token = options.tokens.get();
    if (token) header.Authorization = `Bearer ${token}`;
    if (key) header['Idempotency-Key'] = key;
    if (body !== undefined) header['Content-Type'] = 'application/json';
    const safe = op.method === 'GET' || key !== undefined;
    const attempts = 1 + (safe ? (options.networkRetries ?? 1) : 0);
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        const res = await Taro.request({
          url,
          method: op.method as keyof Taro.request.Method,
          header,
          data: body === undefined ? undefined : JSON.stringify(body),
          dataType: 'json',
          timeout: options.timeout ?? 15_000,
        });
        return { statusCode: res.statusCode, data: res.data };
      } catch (error) {
        lastError = error;
      }
    }
    throw new NetworkError(lastError);
  }

  /**
   * Calls one operation of the contract: `call(routes.feature.op, { params, query, body })`.
   * Resolves with the response body; rejects with ApiError (Chinese `message`) or NetworkError.
   */
  async function call<Op extends OperationSpec>(
    op: Op | Route<Op>,
    ...[request]: RequestArgs<Op>
  ): Promise<OperationResponse<Op>> {
    const req = (request ?? {}) as {
      params?: Record<string, string | number>;
      query?: Record<string, Scalar>;
      body?: unknown;
    };
    const url = options.baseUrl + buildPath(op.path, req.params) + toQueryString(req.query);
    // One key per logical request: the refresh retry and network retries reuse it, so the
    // BFF replays instead of creating twice.
    const key = op.idempotent ? idempotencyKey() : undefined;

    let res = await send(op, url, req.body, key);
    if (res.statusCode === 401 && refresher && (await refreshOnce())) {
      res = await send(op, url, req.body, key);
    }
    if (res.statusCode >= 200 && res.statusCode < 300) {
      if (res.statusCode === 204) return undefined as OperationResponse<Op>;
      const body = parseBody(res.data);
      // A success without a JSON body means something other than the BFF answered (an SPA
      // fallback page, a captive portal): fail clearly instead of handing pages a null.
      if (!op.produces && (body === null || body === undefined || typeof body !== 'object')) {
        throw new ApiError('BAD_RESPONSE', res.statusCode, GENERIC_MESSAGE);
      }
      return body as OperationResponse<Op>;
    }
    throw toApiError(res);
  }

  return {
    call,
    /** The accounts feature installs the real refresh here. */
    setRefresher(next: Refresher | null) {
      refresher = next;
    },
    tokens: options.tokens,
  };
}

export type ApiClient = ReturnType<typeof createClient>;

/** H5 is served by the BFF (same origin); mini-programs call TARO_APP_API_BASE. */
export const apiBaseUrl = process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? '');

export const apiClient = createClient({ baseUrl: apiBaseUrl, tokens: taroTokenStore });
export const call = apiClient.call;
