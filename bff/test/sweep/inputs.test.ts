import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { OperationSpec } from '@warmcity/shared';
import { startTestApp, type TestApp, type TestResponse } from '../support/app';
import { contract, inBatches, requiredHeaders, samplePath } from './support/contract';
import { bodyWith, fieldsOf, wrongTypeFor } from './support/fields';
import { fingerprint } from './support/fingerprint';
import { expectNoLeaks, Tally } from './support/tally';

// Every field of every body and query, nested ones included, refuses MongoDB operator objects,
// prototype keys, unknown keys, a wrong type and a huge string with a 400 that names it, and
// nothing is stored. The caller holds every role, so nothing is refused for want of a session.

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp();
  token = app.signIn(['resident', 'staff', 'admin']).token;
});
afterAll(() => app.close());

const OPERATORS = [{ $gt: '' }, { $ne: null }, { $where: '1' }];
const UNKNOWN = 'zzUnknownField';
// Strings longer than a field takes: the shortest of these the field refuses, all under the
// JSON body limit (100 kB) so they reach validation. A field that takes the longest has no
// maximum worth the name, and fails the sweep.
const LONG = [1_000, 10_000, 90_000].map((length) => 'x'.repeat(length));
const tooLongFor = (at: string, schema: z.ZodType) => {
  const text = LONG.find((candidate) => !schema.safeParse(candidate).success);
  expect(text, `${at} takes ${LONG.at(-1)!.length} characters; give it a maximum`).toBeDefined();
  return text!;
};
// Above the body limit: refused unread.
const HUGE = 'x'.repeat(1_048_576);
// A query string still fits the HTTP header limit (16 kB) at this length.
const LONG_QUERY = 'x'.repeat(8_000);

interface Case {
  name: string;
  /** Appended to the path. */
  query?: string;
  body?: unknown;
  /** Raw bytes instead of `body`, with their content type. */
  raw?: string;
  type?: string;
  status: 400 | 413 | 415;
  /** An `errors[].path` the 400 must name (it or something inside it). */
  names?: string;
  /** The JSON parser itself refuses a `__proto__` key (MALFORMED_JSON), before validation. */
  prototype?: true;
}

const pathName = (path: (string | number)[]) => path.join('.');

function bodyCases(operation: OperationSpec): Case[] {
  if (operation.multipart) {
    return [{ name: 'JSON for a form upload', body: { [UNKNOWN]: OPERATORS[0] }, status: 415 }];
  }
  if (operation.consumes) {
    // A form has no operator objects; its tricks are an unknown field, a bracketed key (which a
    // form parser may turn into an object) and a repeated one (a list).
    const form = (name: string, raw: string, names: string): Case => ({
      name,
      raw,
      type: operation.consumes,
      status: 400,
      names,
    });
    return [
      form('unknown field', `${UNKNOWN}=1`, `body.${UNKNOWN}`),
      form('__proto__ field', `__proto__[roles]=admin`, 'body'),
      ...fieldsOf(operation.body).flatMap(({ path }) => {
        const name = String(path[0]);
        return [
          form(`${name}[$gt]`, `${encodeURIComponent(`${name}[$gt]`)}=`, `body.${name}`),
          form(`${name} repeated`, `${name}=a&${name}=b`, `body.${name}`),
        ];
      }),
      { name: 'oversized form', raw: `${UNKNOWN}=${'x'.repeat(20_000)}`, type: operation.consumes, status: 413 },
    ];
  }
  if (!operation.body) {
    return operation.method === 'GET'
      ? []
      : [{ name: 'a body where none is taken', body: { [UNKNOWN]: OPERATORS[0] }, status: 400, names: 'body' }];
  }
  const json = (name: string, raw: string, names: string): Case => ({
    name,
    raw,
    type: 'application/json',
    status: 400,
    names,
  });
  const cases: Case[] = [
    { name: 'unknown key', body: { [UNKNOWN]: 1 }, status: 400, names: `body.${UNKNOWN}` },
    { ...json('__proto__ key', '{"__proto__":{"roles":["admin"]}}', 'body'), prototype: true },
    {
      ...json('constructor.prototype key', '{"constructor":{"prototype":{"roles":["admin"]}}}', 'body'),
      prototype: true,
    },
    ...OPERATORS.map((operator): Case => ({
      name: `body ${JSON.stringify(operator)}`,
      body: operator,
      status: 400,
      names: 'body',
    })),
    { name: 'body a list', body: [{}], status: 400, names: 'body' },
    { name: 'body over the limit', body: { [UNKNOWN]: HUGE }, status: 413 },
  ];
  for (const field of fieldsOf(operation.body)) {
    const at = `body.${pathName(field.path)}`;
    const set = (name: string, value: unknown): Case => ({
      name: `${at} ${name}`,
      body: bodyWith(field, value),
      status: 400,
      names: at,
    });
    cases.push(
      ...OPERATORS.map((operator) => set(JSON.stringify(operator), operator)),
      { ...set('__proto__ key', JSON.parse('{"__proto__":{"roles":["admin"]}}')), prototype: true },
      set('wrong type', wrongTypeFor(field.schema)),
      set('over its maximum length', tooLongFor(at, field.schema)),
    );
    if (field.holds === 'object') cases.push(set('unknown key inside', { [UNKNOWN]: 1 }));
    if (field.holds === 'objects') cases.push(set('unknown key inside an item', [{ [UNKNOWN]: 1 }]));
  }
  return cases;
}

function queryCases(operation: OperationSpec): Case[] {
  const query = (name: string, text: string, names: string): Case => ({ name, query: `?${text}`, status: 400, names });
  const cases = [
    query('unknown query key', `${UNKNOWN}=1`, `query.${UNKNOWN}`),
    query('__proto__ query key', '__proto__=1', 'query'),
  ];
  for (const [name, field] of Object.entries(operation.query?.shape ?? {})) {
    const schema = field as z.ZodType;
    // Koa does not expand brackets into objects, so `f[$gt]` arrives as a key of its own.
    for (const operator of ['$gt', '$ne', '$where'])
      cases.push(
        query(`${name}[${operator}]`, `${encodeURIComponent(`${name}[${operator}]`)}=1`, `query.${name}[${operator}]`),
      );
    if (!schema.safeParse(['a', 'b']).success)
      cases.push(query(`${name} repeated`, `${name}=a&${name}=b`, `query.${name}`));
    expect(
      schema.safeParse(LONG_QUERY).success,
      `${operation.id}: query.${name} takes ${LONG_QUERY.length} characters; give it a maximum`,
    ).toBe(false);
    cases.push(query(`${name} ${LONG_QUERY.length} characters`, `${name}=${LONG_QUERY}`, `query.${name}`));
  }
  return cases;
}

function expectRefused(response: TestResponse, operation: OperationSpec, test: Case) {
  const why = `${operation.id} ${test.name}: ${response.status} ${response.text.slice(0, 300)}`;
  expect(response.status, why).toBe(test.status);
  expect(response.headers.get('content-type'), why).toMatch(/^application\/problem\+json/);
  if (test.status !== 400) return;
  if (test.prototype && response.body.code === 'MALFORMED_JSON') return;
  expect(response.body.code, why).toBe('VALIDATION_FAILED');
  const errors = (response.body.errors ?? []) as { path: string; code?: string }[];
  const at = test.names!;
  const named = errors.some(
    (e) => e.path === at || e.path.startsWith(`${at}.`) || at.startsWith(`${e.path}.`) || e.code === 'invalid_union',
  );
  expect(named, `${why}\nexpected an error at ${at}`).toBe(true);
}

describe('security sweep: inputs', () => {
  it('every body and query field refuses operators, prototype keys, unknown keys, wrong types and huge strings; nothing stored', async () => {
    const tally = new Tally('inputs');
    for (const operation of contract) {
      const path = samplePath(operation);
      const cases = [...bodyCases(operation), ...queryCases(operation)];
      const before = await fingerprint(app);
      await inBatches(cases, 8, async (test) => {
        const headers: Record<string, string> = {
          ...requiredHeaders(operation, `${operation.id}-${test.name}`),
          ...(test.type ? { 'content-type': test.type } : {}),
          ...(operation.multipart && test.query ? { 'content-type': 'multipart/form-data; boundary=sweep' } : {}),
          ...(operation.consumes && test.query ? { 'content-type': operation.consumes } : {}),
        };
        const response = await app.request(operation.method, path + (test.query ?? ''), {
          token,
          headers,
          ...(test.raw !== undefined ? { raw: test.raw } : test.body !== undefined ? { body: test.body } : {}),
          // A query case carries a body the route's parser takes, so the query is what it refuses.
          ...(operation.multipart && test.query ? { raw: '--sweep--\r\n' } : {}),
          ...(operation.consumes && test.query ? { raw: 'notify_id=1' } : {}),
        });
        expectRefused(response, operation, test);
        tally.count(operation.id);
      });
      expect(await fingerprint(app), `${operation.id} stored something on a refused request`).toEqual(before);
    }
    expectNoLeaks(app);
    tally.finish(contract.map((operation) => operation.id));
  }, 180_000);
});
