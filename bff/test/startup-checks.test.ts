import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineOperation, objectId, operations } from '@warmcity/shared';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { featureRoutes } from '../src/features/index';
import { checkImplementations, placeholdersFor } from '../src/platform/bind';
import { implement } from '../src/platform/implement';
import { AppError } from '../src/platform/problem';

const ok = z.strictObject({ ok: z.literal(true) });
const demo = {
  get: defineOperation({
    id: 'demo.get',
    method: 'GET',
    path: '/api/demo/:id',
    summary: 's',
    access: 'public',
    params: z.strictObject({ id: objectId }),
    response: ok,
  }),
  add: defineOperation({
    id: 'demo.add',
    method: 'POST',
    path: '/api/demo',
    summary: 's',
    access: 'resident',
    idempotent: true,
    response: ok,
  }),
} as const;
const declared = Object.values(demo);
const handlers = implement(demo, { get: () => ({ ok: true }), add: () => ({ ok: true }) });
const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('start-up check of contract against handlers', () => {
  it('accepts exactly one handler per declared operation', () => {
    expect(failure(() => checkImplementations(declared, handlers))).toBe('accepted');
  });

  it('refuses a missing handler, a second one, and one for an undeclared operation', () => {
    expect(failure(() => checkImplementations(declared, handlers.slice(1)))).toMatch(/demo\.get has 0 handlers/);
    expect(failure(() => checkImplementations(declared, [...handlers, handlers[0]!]))).toMatch(
      /demo\.get has 2 handlers/,
    );
    expect(failure(() => checkImplementations(declared.slice(1), handlers))).toMatch(
      /demo\.get has a handler but is not declared/,
    );
  });

  it('refuses path parameters that differ from the params schema, and a session-less idempotent operation', () => {
    const renamed = { ...demo.get, path: '/api/demo/:demoId' };
    expect(
      failure(() => checkImplementations([renamed, demo.add], [{ ...handlers[0]!, operation: renamed }, handlers[1]!])),
    ).toMatch(/path parameters/);
    const anonymous = { ...demo.add, access: 'public' as const };
    expect(
      failure(() =>
        checkImplementations([demo.get, anonymous], [handlers[0]!, { ...handlers[1]!, operation: anonymous }]),
      ),
    ).toMatch(/needs a session/);
  });

  it('gives a pending feature 501 placeholders, and refuses one that already has handlers', async () => {
    const placeholders = placeholdersFor(declared, [], ['demo']);
    expect(placeholders.map((p) => p.operation.id)).toEqual(['demo.get', 'demo.add']);
    await expect(async () => placeholders[0]!.handler({} as never)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.status === 501,
    );
    expect(failure(() => placeholdersFor(declared, handlers, ['demo']))).toMatch(/still listed as pending: demo/);
  });

  it('stops createApp when a declared operation has no handler', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const connection = mongoose.createConnection();
    expect(failure(() => createApp({ config, connection, routes: featureRoutes.slice(1) }))).toMatch(/has 0 handlers/);
    expect(failure(() => createApp({ config, connection, operations: [...operations, demo.get] }))).toMatch(
      /demo\.get has 0 handlers/,
    );
  });
});
