import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevDb, type DevDb } from '@warmcity/devdb';
import { runBff, type Running } from '@warmcity/bff/run';

let devdb: DevDb;
let running: Running;
beforeAll(async () => {
  devdb = await startDevDb();
  running = await runBff({
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      MONGODB_URI: devdb.uri.replace('/?', '/run_bff?'),
    },
  });
});
afterAll(async () => {
  await running?.shutdown('test done');
  await devdb?.stop();
});

// The start path main.ts, npm start and the e2e stack share once built no index at all: the
// models were bound after syncIndexes ran. Invariants such as one active booking per person
// rest on these unique indexes.
it('builds every index each model declares before it listens', async () => {
  const models = Object.values(running.connection.models);
  expect(models.length).toBeGreaterThan(5);
  for (const model of models) {
    const existing = (await model.collection.indexes()).map((index) => index.name).sort();
    const declared = model.schema.indexes().map(
      ([fields, options]) =>
        options?.name ??
        Object.entries(fields)
          .map(([k, v]) => `${k}_${v}`)
          .join('_'),
    );
    expect(existing, model.modelName).toEqual(['_id_', ...declared].sort());
  }
});
