import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestResponse } from './support/app';
import { testOperations, testRoutes } from './support/test-operations';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ extraOperations: testOperations, extraRoutes: testRoutes(), env: { BODY_LIMIT: '1kb' } });
});
afterAll(() => app.close());

function expectProblem(response: TestResponse, status: number, code: string) {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    status,
    code,
    type: expect.stringMatching(/^urn:warmcity:problem:/),
    title: expect.any(String),
  });
  expect(response.status).toBe(status);
  expect(response.text).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|Mongo|mongoose/i);
}

const lastLog = () => JSON.parse(app.logs.at(-1) ?? '{}');

describe('problem+json for every kind of error', () => {
  it('unknown API route → 404 ROUTE_NOT_FOUND', async () => {
    expectProblem(await app.request('GET', '/api/nothing-here'), 404, 'ROUTE_NOT_FOUND');
    expectProblem(await app.request('POST', '/nowhere', { body: {} }), 404, 'ROUTE_NOT_FOUND');
  });

  it('wrong method on a known route → 405 METHOD_NOT_ALLOWED with Allow', async () => {
    const response = await app.request('DELETE', '/healthz');
    expectProblem(response, 405, 'METHOD_NOT_ALLOWED');
    expect(response.headers.get('allow')).toContain('GET');
  });

  it('OPTIONS on a known route lists the allowed methods', async () => {
    const response = await app.request('OPTIONS', '/api/test/notes');
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toContain('POST');
  });

  it('body over the limit → 413 PAYLOAD_TOO_LARGE', async () => {
    const { token } = app.signIn();
    const response = await app.request('POST', '/api/test/notes', {
      token,
      body: { text: 'x'.repeat(2000) },
      headers: { 'idempotency-key': 'too-large-0001' },
    });
    expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it.each(['{"text": ', 'null', '"just a string"', '{"__proto__": {"admin": true}}'])(
    'malformed JSON %j → 400 MALFORMED_JSON',
    async (raw) => {
      const { token } = app.signIn();
      const response = await app.request('POST', '/api/test/notes', {
        token,
        raw,
        headers: { 'content-type': 'application/json', 'idempotency-key': 'malformed-0001' },
      });
      expectProblem(response, 400, 'MALFORMED_JSON');
    },
  );

  it('a body that is not JSON → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const { token } = app.signIn();
    const response = await app.request('POST', '/api/test/notes', {
      token,
      raw: 'text=hello',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'form-body-0001' },
    });
    expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('validation → 400 VALIDATION_FAILED listing every failing path', async () => {
    const { token } = app.signIn('staff');
    const response = await app.request('PATCH', '/api/test/notes/not-an-id?notify=maybe&extra=1', {
      token,
      body: { text: '', colour: 'red' },
    });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    const paths = (response.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['body.colour', 'body.text', 'params.id', 'query.extra', 'query.notify']);
  });

  it('a query on an operation that declares none → 400', async () => {
    const response = await app.request('GET', '/healthz?debug=1');
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual([
      { path: 'query.debug', message: 'Unknown field', code: 'unrecognized_keys' },
    ]);
  });

  it('a problem a feature throws keeps its code and detail', async () => {
    const response = await app.request('GET', '/api/test/fail/app');
    expectProblem(response, 404, 'NOT_FOUND');
    expect(response.body.detail).toBe('No such note.');
  });

  it.each(['plain', 'driver', 'mongoose', 'leaky-shape'])(
    'a %s error → 500 INTERNAL that says nothing, and the log has the cause',
    async (kind) => {
      const response = await app.request('GET', `/api/test/fail/${kind}`);
      expectProblem(response, 500, 'INTERNAL');
      expect(Object.keys(response.body).sort()).toEqual(['code', 'status', 'title', 'type']);
      expect(response.text).not.toMatch(/secret|passwordHash|E11000|duplicate|Validation/i);
      const line = lastLog();
      expect(line).toMatchObject({
        level: 50,
        status: 500,
        route: '/api/test/fail/:kind',
        err: { type: expect.any(String) },
      });
      expect(line.err.stack).toBeTypeOf('string');
    },
  );

  it('names the leaking field of a response outside its schema in the log, not to the client', async () => {
    await app.request('GET', '/api/test/fail/leaky-shape');
    expect(lastLog().err).toMatchObject({
      type: 'ResponseShapeError',
      message: expect.stringContaining('passwordHash'),
    });
  });

  it('an unbuilt H5 app → 404 problem that says how to build it', async () => {
    const response = await app.request('GET', '/some/page');
    expectProblem(response, 404, 'ROUTE_NOT_FOUND');
    expect(response.body.detail).toContain('build:h5');
  });
});

describe('headers on every answer', () => {
  it('sets the security headers on success and on problems', async () => {
    for (const response of [await app.request('GET', '/healthz'), await app.request('GET', '/api/nope')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('keeps a sane incoming request id and replaces anything else', async () => {
    const kept = await app.request('GET', '/healthz', { headers: { 'x-request-id': 'edge-1234-abcd' } });
    expect(kept.headers.get('x-request-id')).toBe('edge-1234-abcd');
    expect(lastLog().reqId).toBe('edge-1234-abcd');
    for (const bad of ['short', 'x'.repeat(200), 'has spaces in it', 'tel-13800138000']) {
      const replaced = await app.request('GET', '/healthz', { headers: { 'x-request-id': bad } });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers CORS for the H5 dev server origin only', async () => {
    const preflight = (origin: string) =>
      app.request('OPTIONS', '/api/test/notes', {
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,idempotency-key',
        },
      });
    const allowed = await preflight('http://localhost:10086');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:10086');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await app.request('GET', '/healthz', { headers: { origin: 'http://127.0.0.1:10086' } });
    expect(simple.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:10086');
    expect(simple.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });
});

describe('the request log', () => {
  it('writes one line per request with the route pattern, never the path, query or body', async () => {
    const before = app.logs.length;
    const { token, user } = app.signIn('staff');
    const id = '65f0c0ffee0000000000abcd';
    await app.request('PATCH', `/api/test/notes/${id}?notify=yes`, { token, body: { text: '张三 13800138000' } });
    expect(app.logs.length - before).toBe(1);
    const line = lastLog();
    expect(line).toMatchObject({
      method: 'PATCH',
      route: '/api/test/notes/:id',
      status: 200,
      userId: user.id,
      msg: 'request',
    });
    expect(line.ms).toBeTypeOf('number');
    expect(app.logs.at(-1)).not.toMatch(new RegExp(`${id}|notify|张三|13800138000|${token.slice(0, 20)}`));
  });
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 generated from the contract, one path entry per operation', async () => {
    const response = await app.request('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(response.body.paths['/healthz'].get.operationId).toBe('system.health');
    expect(response.body.paths['/api/openapi.json'].get.security).toEqual([]);
    expect(response.body.components.schemas.Problem).toBeDefined();
  });

  it('passes the OpenAPI 3.1 schema validator', async () => {
    const response = await app.request('GET', '/api/openapi.json');
    const validator = new Validator();
    const result = await validator.validate(response.body);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });
});
