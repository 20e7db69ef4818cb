import { beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { defineOperation, idParams, ok, page, objectId, pageQuery, problems } from '@warmcity/shared';

// Taro.request is the platform boundary: it is the only thing replaced.
const request = vi.fn();
vi.mock('@tarojs/taro', () => ({ default: { request: (...args: unknown[]) => request(...args) } }));

const { createClient, ApiError, NetworkError, toQueryString } = await import('../src/api/client');
const { routes } = await import('../src/api/routes');
const { memoryTokenStore } = await import('../src/api/tokens');

const createBooking = defineOperation({
  id: 'test.createBooking',
  method: 'POST',
  path: '/api/sessions/:id/bookings',
  summary: 'test',
  access: 'resident',
  idempotent: true,
  params: idParams,
  body: ok,
  response: idParams,
  status: 201,
});

const listThings = defineOperation({
  id: 'test.listThings',
  method: 'GET',
  path: '/api/things',
  summary: 'test',
  access: 'public',
  query: pageQuery,
  response: page(objectId),
});

interface SentRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: string;
}
const sent = (i: number) => request.mock.calls[i]![0] as SentRequest;
const answer = (statusCode: number, data: unknown) => ({ statusCode, data, header: {} });
const problem = (status: number, code: string) => answer(status, { type: 'about:blank', title: code, status, code });

beforeEach(() => {
  request.mockReset();
});

describe('api client', () => {
  it('builds the path, query string and JSON body and sends the bearer token', async () => {
    request.mockResolvedValueOnce(answer(201, { id: 'b1' }));
    const client = createClient({ baseUrl: 'https://api.example.cn', tokens: memoryTokenStore('tok-1') });

    const result = await client.call(createBooking, { params: { id: 'a b/c' }, body: { ok: true } });

    expect(result).toEqual({ id: 'b1' });
    expect(request).toHaveBeenCalledTimes(1);
    const req = sent(0);
    expect(req.url).toBe('https://api.example.cn/api/sessions/a%20b%2Fc/bookings');
    expect(req.method).toBe('POST');
    expect(req.header.Authorization).toBe('Bearer tok-1');
    expect(req.header['Content-Type']).toBe('application/json');
    expect(JSON.parse(req.data!)).toEqual({ ok: true });
  });

  it('encodes the query, skips absent values and sends no token or key when there is none', async () => {
    request.mockResolvedValueOnce(answer(200, { items: [], nextCursor: null }));
    const client = createClient({ baseUrl: '', tokens: memoryTokenStore() });

    await client.call(listThings, { query: { cursor: '下一 页', limit: undefined } });

    const req = sent(0);
    expect(req.url).toBe('/api/things?cursor=%E4%B8%8B%E4%B8%80%20%E9%A1%B5');
    expect(req.header.Authorization).toBeUndefined();
    expect(req.header['Idempotency-Key']).toBeUndefined();
    expect(req.data).toBeUndefined();
    expect(toQueryString({})).toBe('');
    expect(toQueryString({ tag: ['a', 'b'], n: 2, on: false, none: null })).toBe('?tag=a&tag=b&n=2&on=false');
  });

  it('accepts the build-time route table entries (no zod at run time)', async () => {
    request.mockResolvedValueOnce(answer(200, { status: 'ok' }));
    const client = createClient({ baseUrl: 'http://127.0.0.1:3000', tokens: memoryTokenStore() });

    const health = await client.call(routes.system.health);

    expect(health.status).toBe('ok');
    expect(sent(0).url).toBe('http://127.0.0.1:3000/healthz');
    expect(sent(0).method).toBe('GET');
  });

  it('refreshes once on 401 and retries with the new token and the same idempotency key', async () => {
    const tokens = memoryTokenStore('expired');
    const refresher = vi.fn(async () => {
      tokens.set('fresh');
      return true;
    });
    request.mockResolvedValueOnce(problem(401, 'UNAUTHENTICATED')).mockResolvedValueOnce(answer(201, { id: 'b2' }));
    const client = createClient({ baseUrl: '', tokens, refresher });

    const result = await client.call(createBooking, { params: { id: 's1' }, body: { ok: true } });

    expect(result.id).toBe('b2');
    expect(refresher).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledTimes(2);
    expect(sent(0).header.Authorization).toBe('Bearer expired');
    expect(sent(1).header.Authorization).toBe('Bearer fresh');
    const key = sent(0).header['Idempotency-Key'];
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sent(1).header['Idempotency-Key']).toBe(key);
  });

  it('gives up after one refresh: a second 401 becomes the Chinese sign-in message', async () => {
    const refresher = vi.fn(async () => true);
    request.mockResolvedValue(problem(401, 'UNAUTHENTICATED'));
    const client = createClient({ baseUrl: '', tokens: memoryTokenStore('t'), refresher });

    const error = await client
      .call(createBooking, { params: { id: 's1' }, body: { ok: true } })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, message: '请先登录' });
    expect(refresher).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('does not retry when the refresher fails, and without a refresher', async () => {
    request.mockResolvedValue(problem(401, 'UNAUTHENTICATED'));
    const failing = createClient({ baseUrl: '', tokens: memoryTokenStore('t'), refresher: async () => false });
    await expect(failing.call(listThings)).rejects.toMatchObject({ status: 401 });
    expect(request).toHaveBeenCalledTimes(1);

    const none = createClient({ baseUrl: '', tokens: memoryTokenStore('t') });
    await expect(none.call(listThings)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('shares one refresh between parallel 401s and uses the refresher installed later', async () => {
    const tokens = memoryTokenStore('old');
    const client = createClient({ baseUrl: '', tokens });
    const refresher = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 5));
      tokens.set('new');
      return true;
    });
    client.setRefresher(refresher);
    request.mockImplementation(async (req: SentRequest) =>
      req.header.Authorization === 'Bearer new'
        ? answer(200, { items: ['x'], nextCursor: null })
        : problem(401, 'UNAUTHENTICATED'),
    );

    const results = await Promise.all([client.call(listThings), client.call(listThings), client.call(listThings)]);

    expect(results.map((r) => r.items)).toEqual([['x'], ['x'], ['x']]);
    expect(refresher).toHaveBeenCalledTimes(1);
  });

  it('uses a new idempotency key for each logical request', async () => {
    request.mockResolvedValue(answer(201, { id: 'b' }));
    const client = createClient({ baseUrl: '', tokens: memoryTokenStore() });
    await client.call(createBooking, { params: { id: 's' }, body: { ok: true } });
    await client.call(createBooking, { params: { id: 's' }, body: { ok: true } });
    expect(sent(0).header['Idempotency-Key']).not.toBe(sent(1).header['Idempotency-Key']);
  });

  it('maps every problem code of the contract to its Chinese text', async () => {
    const client = createClient({ baseUrl: '', tokens: memoryTokenStore() });
    for (const [code, definition] of Object.entries(problems)) {
      request.mockResolvedValueOnce(problem(definition.status, code));
      const error = await client.call(listThings).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code, status: definition.status, message: definition.zh });
    }
    expect(Object.keys(problems).length).toBeGreaterThan(5);
  });

  it('keeps validation details and falls back to a generic text for unknown codes and non-problem answers', async () => {
    const client = createClient({ baseUrl: '', tokens: memoryTokenStore() });
    const errors = [{ path: 'query.limit', message: 'Too big' }];
    request.mockResolvedValueOnce(
      answer(400, { type: 'about:blank', title: 'x', status: 400, code: 'VALIDATION_FAILED', errors }),
    );
    await expect(client.call(listThings)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '填写的内容有误，请检查后重试',
      errors,
    });

    request.mockResolvedValueOnce(problem(409, 'SOMETHING_NEW'));
    await expect(client.call(listThings)).rejects.toMatchObject({
      code: 'SOMETHING_NEW',
      status: 409,
      message: '服务出了点问题，请稍后再试',
    });

    request.mockResolvedValueOnce(answer(502, '<html>Bad Gateway</html>'));
    await expect(client.call(listThings)).rejects.toMatchObject({
      code: 'HTTP_502',
      status: 502,
      message: '服务出了点问题，请稍后再试',
    });

    // A problem body that arrives as text (some platforms skip JSON parsing) is still read.
    request.mockResolvedValueOnce(answer(429, JSON.stringify({ code: 'RATE_LIMITED', status: 429 })));
    await expect(client.call(listThings)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: '操作太频繁，请稍后再试',
    });
  });

  it('turns a failed request into the Chinese network error, after one retry of a safe request', async () => {
    request.mockRejectedValue({ errMsg: 'request:fail timeout' });
    const client = createClient({ baseUrl: '', tokens: memoryTokenStore() });

    const error = await client.call(listThings).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain('网络不稳定');
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('retries an idempotent POST after a network failure with the same key, but never a plain POST', async () => {
    const client = createClient({ baseUrl: '', tokens: memoryTokenStore() });
    request.mockRejectedValueOnce(new Error('request:fail')).mockResolvedValueOnce(answer(201, { id: 'b' }));
    await client.call(createBooking, { params: { id: 's' }, body: { ok: true } });
    expect(request).toHaveBeenCalledTimes(2);
    expect(sent(1).header['Idempotency-Key']).toBe(sent(0).header['Idempotency-Key']);

    request.mockReset();
    request.mockRejectedValue(new Error('request:fail'));
    const plainPost = { ...createBooking, idempotent: false } as const;
    await expect(client.call(plainPost, { params: { id: 's' }, body: { ok: true } })).rejects.toBeInstanceOf(
      NetworkError,
    );
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('is typed from the contract', () => {
    const client = createClient({ baseUrl: '', tokens: memoryTokenStore() });
    request.mockResolvedValue(answer(200, {}));
    expectTypeOf(client.call(createBooking, { params: { id: 'x' }, body: { ok: true } })).resolves.toEqualTypeOf<{
      id: string;
    }>();
    expectTypeOf(client.call(routes.system.ready)).resolves.toEqualTypeOf<{ status: 'ready' }>();
    if (Math.random() > 2) {
      // Compile-time only: each line must fail typecheck.
      // @ts-expect-error the body is required
      void client.call(createBooking, { params: { id: 'x' } });
      // @ts-expect-error unknown path parameter
      void client.call(createBooking, { params: { sessionId: 'x' }, body: { ok: true } });
      // @ts-expect-error wrong body shape
      void client.call(createBooking, { params: { id: 'x' }, body: { ok: 'yes' } });
      // @ts-expect-error the request is required
      void client.call(createBooking);
      // @ts-expect-error unknown query key
      void client.call(listThings, { query: { page: 2 } });
    }
  });

  it('rejects a success that is not JSON (an HTML fallback page answering /api)', async () => {
    const client = createClient({ baseUrl: '', tokens: memoryTokenStore() });
    request.mockResolvedValueOnce(answer(200, '<!doctype html><html></html>'));
    await expect(client.call(listThings)).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      status: 200,
      message: '服务出了点问题，请稍后再试',
    });
    // Taro's H5 request turns an unparsable JSON body into null.
    request.mockResolvedValueOnce(answer(200, null));
    await expect(client.call(listThings)).rejects.toBeInstanceOf(ApiError);
  });

  it('resolves 204 answers with undefined', async () => {
    request.mockResolvedValueOnce(answer(204, null));
    const client = createClient({ baseUrl: '', tokens: memoryTokenStore() });
    await expect(client.call(listThings)).resolves.toBeUndefined();
  });
});
