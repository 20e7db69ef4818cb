import { onTestFinished } from 'vitest';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import type { Server } from 'node:http';
import mongoose, { type ConnectOptions, type Connection } from 'mongoose';
import { startDevDb, type DevDb } from '@warmcity/devdb';
import { operations as declaredOperations, type OperationSpec, type Role } from '@warmcity/shared';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { connectionOptions } from '../../src/database';
import { features } from '../../src/features/index';
import { accountDataRegistry, type FeatureModule } from '../../src/platform/feature';
import type { Clock, Deps } from '../../src/platform/deps';
import type { Implementation } from '../../src/platform/implement';
import { paymentHookRegistry, type PaymentHookRegistry } from '../../src/platform/payments/hooks';
import { createLogger } from '../../src/platform/logger';
import { uploadHookRegistry } from '../../src/platform/uploads/hooks';
import { signAccessToken, type SessionUser } from '../../src/platform/session';
import { serve } from '../../src/server';

export interface TestResponse<B = any> {
  status: number;
  headers: Headers;
  body: B;
  /** The body exactly as sent, for scans such as "no ID number in any response". */
  text: string;
}

export interface RequestOptions {
  token?: string;
  /** Sent as JSON; use `raw` to send bytes that are not (malformed JSON, other media types). */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  readonly url: string;
  readonly server: Server;
  readonly config: Config;
  readonly connection: Connection;
  readonly devdb: DevDb;
  /** The app's clock; tests move it instead of rewriting stored times or sleeping. */
  readonly clock: TestClock;
  /** What the app's handlers get; for calling a service or a sweeper tick directly. */
  readonly deps: Deps;
  /** Every log line the app wrote, as JSON text. */
  readonly logs: string[];
  /** Every response body the app sent through `request`. */
  readonly responses: string[];
  request<B = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<B>>;
  /** A session as the accounts feature will issue it, for a fresh user id. */
  signIn(roles?: Role | Role[], scopes?: string[]): { token: string; user: SessionUser };
  /** Documents per collection, to prove a refused request stored nothing. */
  countDocuments(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Test-only operations and their handlers, bound next to every real feature's. */
  extraOperations?: readonly OperationSpec[];
  extraRoutes?: readonly Implementation[];
  /** Test-only features, listed after the real ones (their account-data hooks run too). */
  extraFeatures?: readonly FeatureModule[];
  /** A clock of the test's own (e.g. one that stands still); `app.clock` is then this one. */
  clock?: TestClock;
  /** Stand-ins for a paying feature's hooks. */
  paymentHooks?: PaymentHookRegistry;
}

/** Wall time shifted by whatever the test moved it: untouched, the app sees real time. */
export interface TestClock extends Clock {
  advance(ms: number): void;
  set(at: Date): void;
  /** Back to wall time. */
  reset(): void;
}

export function testClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => void (offset += ms),
    set: (at) => void (offset = at.getTime() - Date.now()),
    reset: () => void (offset = 0),
  };
}

/** A clock that stands still at `start` unless the test moves it, for exact times and expiries. */
export function standingClock(start: Date): TestClock {
  let now = start;
  return {
    now: () => now,
    set: (at) => void (now = at),
    advance: (ms) => void (now = new Date(now.getTime() + ms)),
    reset: () => void (now = start),
  };
}

/**
 * Moves `clock` to one second into the next window of a fixed-window rate limit (a clock minute,
 * an hour) and back after the test, so a test that counts attempts against the limit never sees
 * the window turn over however slowly the machine runs it.
 */
export function startNextWindow(clock: TestClock, windowMs: number): void {
  clock.set(new Date(Math.ceil((clock.now().getTime() + 1) / windowMs) * windowMs + 1000));
  onTestFinished(() => clock.reset());
}

export const newObjectId = () => new mongoose.Types.ObjectId().toHexString();

/**
 * A real devdb (in memory, one per test file), a fresh database on it, and the real Koa app on
 * a random port over real HTTP. Nothing of our own persistence is mocked.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', H5_DIST: 'bff/test/fixtures/no-h5-build', ...options.env });
  const devdb = await startDevDb();
  // Tests stop devdb on purpose; fail fast instead of waiting out the production timeouts.
  // (`bufferTimeoutMS` is a documented connection option that mongoose's types leave out.)
  const fastFailure = { serverSelectionTimeoutMS: 1500, bufferTimeoutMS: 1500 } as ConnectOptions;
  const connection = mongoose.createConnection(devdb.uri, {
    ...connectionOptions(config),
    ...fastFailure,
    dbName: `bff_test_${randomBytes(6).toString('hex')}`,
  });
  await connection.asPromise();
  const logs: string[] = [];
  const logger = createLogger(config, { write: (line: string) => void logs.push(line) });
  const clock = options.clock ?? testClock();
  const allFeatures = [...features, ...(options.extraFeatures ?? [])];
  const app = createApp({
    config,
    connection,
    logger,
    clock,
    operations: [...declaredOperations, ...(options.extraOperations ?? [])],
    features: allFeatures,
    routes: [...allFeatures.flatMap((feature) => feature.routes), ...(options.extraRoutes ?? [])],
    paymentHooks: options.paymentHooks,
  });
  await connection.syncIndexes();
  const { server, url } = await serve(app, { port: 0, host: '127.0.0.1' });
  const responses: string[] = [];

  return {
    url,
    server,
    config,
    deps: {
      connection,
      config,
      logger,
      clock,
      accountData: accountDataRegistry(allFeatures),
      paymentHooks: options.paymentHooks ?? paymentHookRegistry(allFeatures),
      uploadHooks: uploadHookRegistry(allFeatures),
    },
    connection,
    devdb,
    clock,
    logs,
    responses,
    async request(method, path, { token, body, raw, headers = {} } = {}) {
      const sent: Record<string, string> = { ...headers };
      if (token) sent.authorization = `Bearer ${token}`;
      if (body !== undefined) sent['content-type'] ??= 'application/json';
      const response = await fetch(url + path, {
        method,
        headers: sent,
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await response.text();
      responses.push(text);
      const type = response.headers.get('content-type') ?? '';
      const parsed = /json/.test(type) && text ? JSON.parse(text) : text;
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    signIn(roles = 'resident', scopes = []) {
      const user: SessionUser = { id: newObjectId(), roles: Array.isArray(roles) ? roles : [roles], scopes };
      return { token: signAccessToken(config, user), user };
    },
    async countDocuments() {
      const db = connection.db;
      if (!db) throw new Error('not connected');
      const counts: Record<string, number> = {};
      for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
        counts[name] = await db.collection(name).countDocuments();
      }
      return counts;
    },
    async close() {
      writeFileSync(
        join(inject('leakCaptureDir'), `${randomBytes(6).toString('hex')}.json`),
        JSON.stringify({ name: expect.getState().testPath ?? 'unknown', responses, logs }),
      );
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await connection.close();
      await devdb.stop();
    },
  };
}
