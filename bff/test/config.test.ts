import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
const production = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://db-1.internal:27017,db-2.internal:27017/warmcity?replicaSet=rs0',
  JWT_SECRET: 'p'.repeat(48),
  DATA_KEY: key(42),
  DATA_KEY_ID: 'k2025',
};

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('the configuration was accepted');
}
const variables = (error: ConfigError) => error.problems.map((p) => p.variable).sort();

describe('config', () => {
  it('runs a developer machine on defaults: devdb in the repo data directory, dev secrets', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 3000, usesDevDb: true, BODY_LIMIT: '100kb' });
    expect(config.DEVDB_PATH).toMatch(/\/\.data\/db$/);
    expect(config.H5_DIST).toMatch(/\/miniapp\/dist\/h5$/);
    expect(config.CORS_ORIGIN).toEqual(['http://localhost:10086', 'http://127.0.0.1:10086']);
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({ ...production, CORS_ORIGIN: 'https://h5.warmcity.example/' });
    expect(config).toMatchObject({ usesDevDb: false, DATA_KEY_ID: 'k2025' });
    expect(config.CORS_ORIGIN).toEqual(['https://h5.warmcity.example']);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['NODE_ENV', 'staging'],
    ['MONGODB_URI', 'postgres://localhost/db'],
    ['JWT_SECRET', 'short'],
    ['DATA_KEY', 'not base64!'],
    ['DATA_KEY', Buffer.alloc(16).toString('base64')],
    ['DATA_KEY_ID', 'has spaces'],
    ['CORS_ORIGIN', 'localhost:10086'],
    ['CORS_ORIGIN', 'ftp://files.example'],
    ['BODY_LIMIT', 'lots'],
    ['LOG_LEVEL', 'verbose'],
    ['METRICS_TOKEN', 'too-short-to-be-unguessable'],
  ])('names %s when it is %j', (variable, value) => {
    const error = refusal({ [variable]: value });
    expect(variables(error)).toEqual([variable]);
    expect(error.message).toContain(variable);
  });

  it('names every bad variable at once', () => {
    expect(variables(refusal({ PORT: '-1', JWT_SECRET: 'x', LOG_LEVEL: 'loud' }))).toEqual([
      'JWT_SECRET',
      'LOG_LEVEL',
      'PORT',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', MONGODB_URI: '' })).toMatchObject({ PORT: 3000, usesDevDb: true });
  });

  it('refuses dev defaults and devdb in production, naming each', () => {
    expect(variables(refusal({ NODE_ENV: 'production' }))).toEqual([
      'DATA_KEY',
      'DATA_KEY_ID',
      'JWT_SECRET',
      'MONGODB_URI',
    ]);
    const { MONGODB_URI: _uri, ...withoutDatabase } = production;
    expect(variables(refusal(withoutDatabase))).toEqual(['MONGODB_URI']);
  });

  it('refuses the development secrets even when they are set explicitly in production', () => {
    const devDefaults = loadConfig({});
    const error = refusal({ ...production, JWT_SECRET: devDefaults.JWT_SECRET, DATA_KEY: devDefaults.DATA_KEY });
    expect(variables(error)).toEqual(['DATA_KEY', 'JWT_SECRET']);
  });

  it('takes accepted JWT secrets as a list, each as long as a signing one, never the dev secret in production', () => {
    expect(loadConfig({ JWT_SECRETS_ACCEPTED: `${'a'.repeat(32)}, ${'b'.repeat(40)}` }).JWT_SECRETS_ACCEPTED).toEqual([
      'a'.repeat(32),
      'b'.repeat(40),
    ]);
    expect(loadConfig({}).JWT_SECRETS_ACCEPTED).toEqual([]);
    expect(variables(refusal({ JWT_SECRETS_ACCEPTED: `${'a'.repeat(32)},short` }))).toEqual(['JWT_SECRETS_ACCEPTED']);
    const devSecret = loadConfig({}).JWT_SECRET;
    expect(variables(refusal({ ...production, JWT_SECRETS_ACCEPTED: devSecret }))).toEqual(['JWT_SECRETS_ACCEPTED']);
  });

  it('does not print secret values in its message', () => {
    const error = refusal({ ...production, JWT_SECRET: 'tooshort-but-secret' });
    expect(error.message).not.toContain('tooshort-but-secret');
  });

  it('takes a life-story provider only whole: URL, key and model', () => {
    const url = 'https://llm.example.cn/v1';
    expect(variables(refusal({ LIFE_STORY_API_URL: url }))).toEqual(['LIFE_STORY_API_KEY', 'LIFE_STORY_MODEL']);
    expect(variables(refusal({ LIFE_STORY_API_URL: 'ftp://llm.example.cn' }))).toEqual(['LIFE_STORY_API_URL']);
    expect(variables(refusal({ LIFE_STORY_TIMEOUT_MS: '0' }))).toEqual(['LIFE_STORY_TIMEOUT_MS']);
    expect(
      loadConfig({ LIFE_STORY_API_URL: url, LIFE_STORY_API_KEY: 'sk-1', LIFE_STORY_MODEL: 'qwen-plus' }),
    ).toMatchObject({ LIFE_STORY_API_URL: url, LIFE_STORY_TIMEOUT_MS: 15_000 });
  });
});
