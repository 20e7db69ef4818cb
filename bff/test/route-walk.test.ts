import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildPath, operations, type OperationSpec } from '@warmcity/shared';
import { startTestApp, type TestApp, type TestResponse } from './support/app';
import { testOperations, testRoutes } from './support/test-operations';

// Walks the contract's route table, so each feature that lands is covered without anyone
// remembering to: a route that needs a session refuses an anonymous caller, and a body or query
// carrying an unknown key or a MongoDB operator object is refused before anything is stored.
// The test-only operations are walked too (and counted apart), so the body checks run even
// before the first feature with a body lands.

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp({ extraOperations: testOperations, extraRoutes: testRoutes() });
  token = app.signIn(['resident', 'staff', 'admin']).token;
});
afterAll(() => app.close());

const OPERATOR = { $gt: '' };
const UNKNOWN = 'zzUnknownField';
const candidates = [
  '65f0c0ffee0000000000abcd',
  '1',
  'abc',
  '2025-01-01',
  '00000000-0000-4000-8000-000000000000',
  // A memorial's QR code.
  'k7m2p9x4qa',
  // A charging port's code.
  'K7M2P9X4',
];

/** A value each path parameter's schema accepts: an enum's first option, or the first candidate
 * of a common id format that parses. */
function fillPath(operation: OperationSpec): string {
  const values: Record<string, string> = {};
  for (const [name, field] of Object.entries(operation.params?.shape ?? {})) {
    const schema = field as z.ZodType & { options?: unknown[] };
    const value = Array.isArray(schema.options)
      ? String(schema.options[0])
      : candidates.find((candidate) => schema.safeParse(candidate).success);
    if (value === undefined)
      throw new Error(`${operation.id}: no sample value for path parameter "${name}"; add one to the walk`);
    values[name] = value;
  }
  return buildPath(operation.path, values);
}

/** A well-formed notification per unauthenticated callback, unsigned, as a forger would send it. */
const unsignedCallbacks: Record<string, Record<string, unknown>> = {
  'payments.wechatNotify': {
    id: 'EV-2018022511223320873',
    create_time: '2026-03-02T10:00:00+08:00',
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: {
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: Buffer.from('{"out_trade_no":"65f0c0ffee0000000000abcd"}').toString('base64'),
      original_type: 'transaction',
      nonce: 'fdasflkja484w',
    },
  },
  'payments.alipayNotify': {
    notify_time: '2026-03-02 10:00:00',
    notify_type: 'trade_status_sync',
    notify_id: 'ac05099524730693a8b330c5ecf72da9786',
    app_id: '2021000000000001',
    sign_type: 'RSA2',
    sign: 'c2lnbmVkIGJ5IG5vYm9keQ==',
    trade_no: '2026030222001400000000000001',
    out_trade_no: '65f0c0ffee0000000000abcd',
    trade_status: 'TRADE_SUCCESS',
    total_amount: '100.00',
  },
  // A charging port's heartbeat, without the device's signature headers.
  'charging.deviceMessage': { action: 'Heartbeat' },
};

/** The 401 each callback answers a forger with. */
const forgedCode = (operationId: string) =>
  operationId.startsWith('charging.') ? 'DEVICE_SIGNATURE_INVALID' : 'PAYMENT_SIGNATURE_INVALID';

/** A callback's body as its platform sends it: JSON, or a form. */
const encoded = (operation: OperationSpec, body: Record<string, unknown>) =>
  operation.consumes
    ? { raw: new URLSearchParams(body as Record<string, string>).toString(), type: operation.consumes }
    : { raw: JSON.stringify(body), type: 'application/json' };

function fieldsOf(schema: z.ZodType | undefined): string[] {
  const shaped = schema as { shape?: Record<string, unknown>; in?: { shape?: Record<string, unknown> } } | undefined;
  return Object.keys(shaped?.shape ?? shaped?.in?.shape ?? {});
}

function expectRefused(response: TestResponse, path: string, operation: OperationSpec) {
  const why = `${operation.method} ${operation.path}: ${response.status} ${response.text}`;
  expect(response.status, why).toBe(400);
  expect(response.body.code, why).toBe('VALIDATION_FAILED');
  const errors = response.body.errors as { path: string; code?: string }[];
  // A discriminated union refuses a body without its discriminator as a whole.
  const named = errors.some((e) => e.path === path || e.path.startsWith(`${path}.`) || e.code === 'invalid_union');
  expect(named, `${why}\nexpected an error at ${path}`).toBe(true);
}

describe('route-table walk', () => {
  it('every route needing a session refuses an anonymous caller; every body and query refuses unknown keys and operators', async () => {
    const tally = {
      routes: 0,
      sessionChecks: 0,
      bodyChecks: 0,
      formChecks: 0,
      queryChecks: 0,
      testOnly: 0,
      callbackChecks: 0,
    };
    const walked: readonly OperationSpec[] = [...operations, ...testOperations];
    const stored = await app.countDocuments();

    for (const operation of walked) {
      tally.routes += 1;
      if ((testOperations as readonly OperationSpec[]).includes(operation)) tally.testOnly += 1;
      const path = fillPath(operation);
      const headers: Record<string, string> = operation.idempotent ? { 'idempotency-key': `walk-${operation.id}` } : {};
      const send = (suffix: string, body?: unknown, withToken = true) =>
        app.request(operation.method, path + suffix, { token: withToken ? token : undefined, body, headers });

      if (operation.access !== 'public' && operation.access !== 'optional') {
        const anonymous = await send('', operation.body ? {} : undefined, false);
        expect(anonymous.status, `${operation.id} without a session`).toBe(401);
        expect(anonymous.body.code).toBe('UNAUTHENTICATED');
        tally.sessionChecks += 1;
      }

      if (operation.body && operation.consumes) {
        // A form has no operator objects; its tricks are an unknown field and a bracketed or
        // repeated key (which a form parser turns into an object or a list).
        const sendForm = (raw: string) =>
          app.request(operation.method, path, { raw, headers: { 'content-type': operation.consumes! } });
        expectRefused(await sendForm(`${UNKNOWN}=1`), `body.${UNKNOWN}`, operation);
        for (const field of fieldsOf(operation.body)) {
          expectRefused(await sendForm(`${encodeURIComponent(`${field}[$gt]`)}=`), `body.${field}`, operation);
        }
        tally.bodyChecks += 1;
      } else if (operation.body) {
        expectRefused(await send('', { [UNKNOWN]: 1 }), `body.${UNKNOWN}`, operation);
        const fields = fieldsOf(operation.body);
        if (fields.length === 0) expectRefused(await send('', OPERATOR), 'body', operation);
        for (const field of fields) expectRefused(await send('', { [field]: OPERATOR }), `body.${field}`, operation);
        tally.bodyChecks += 1;
      }

      // A form upload takes no JSON at all: operators and unknown keys never reach a parser.
      if (operation.multipart) {
        const json = await send('', { [UNKNOWN]: OPERATOR });
        expect(json.status, `${operation.id} with JSON`).toBe(415);
        expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
        tally.formChecks += 1;
      }

      if (operation.query || operation.method === 'GET') {
        expectRefused(await send(`?${UNKNOWN}=1`), `query.${UNKNOWN}`, operation);
        for (const field of fieldsOf(operation.query)) {
          // Koa does not expand brackets into objects, so `f[$gt]` arrives as a key of its own.
          expectRefused(await send(`?${encodeURIComponent(`${field}[$gt]`)}=`), `query.${field}[$gt]`, operation);
          const accepted = (operation.query?.shape[field] as z.ZodType).safeParse(['a', 'b']).success;
          if (!accepted) expectRefused(await send(`?${field}=a&${field}=b`), `query.${field}`, operation);
        }
        tally.queryChecks += 1;
      }
    }

    // Besides signing in, the only writes open to anyone are the payment platforms' callbacks and
    // the charging ports' messages: each must refuse a well-formed but unsigned message (401) and
    // an oversized body (413).
    const publicWrites = walked.filter(
      (operation) =>
        operation.access === 'public' && operation.method !== 'GET' && !operation.id.startsWith('accounts.'),
    );
    expect(publicWrites.map((operation) => operation.id)).toEqual(Object.keys(unsignedCallbacks));
    for (const operation of publicWrites) {
      const unsignedBody = encoded(operation, unsignedCallbacks[operation.id]!);
      const unsigned = await app.request(operation.method, operation.path, {
        raw: unsignedBody.raw,
        headers: { 'content-type': unsignedBody.type },
      });
      expect(unsigned.status, `${operation.id} unsigned`).toBe(401);
      expect(unsigned.body.code, `${operation.id} unsigned`).toBe(forgedCode(operation.id));
      const hugeBody = encoded(operation, { pad: 'x'.repeat(200_000) });
      const huge = await app.request(operation.method, operation.path, {
        raw: hugeBody.raw,
        headers: { 'content-type': hugeBody.type },
      });
      expect(huge.status, `${operation.id} oversized`).toBe(413);
      tally.callbackChecks += 1;
    }

    expect(await app.countDocuments()).toEqual(stored);
    console.log(
      `route walk: ${tally.routes} routes (${tally.routes - tally.testOnly} from the contract, ${tally.testOnly} test-only); ` +
        `${tally.sessionChecks} refuse anonymous callers, ${tally.bodyChecks} bodies and ${tally.queryChecks} queries refuse unknown keys and operators, ${tally.formChecks} form uploads refuse JSON; ${tally.callbackChecks} unauthenticated callbacks refuse unsigned and oversized bodies; nothing stored`,
    );
    expect(tally.routes - tally.testOnly).toBe(operations.length);
    expect(tally.formChecks).toBe(operations.filter((operation) => operation.multipart).length);
  });
});
