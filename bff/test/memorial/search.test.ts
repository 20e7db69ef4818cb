import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameGrams, queryGrams } from '../../src/features/memorial/name-grams';
import { base, startMemorialApp, type MemorialTestApp } from './support';

let app: MemorialTestApp;
beforeAll(async () => {
  app = await startMemorialApp();
  for (const name of ['张三丰', '三丰张', '李张三', '赵德明', '欧阳明远']) {
    await app.createMemorial(app.resident(), { visibility: 'public', name });
  }
  await app.createMemorial(app.resident(), { visibility: 'link', name: '张三' });
});
afterAll(() => app?.close());

const search = async (q: string) => {
  const found = await app.request('GET', `${base}/memorials?q=${encodeURIComponent(q)}`);
  expect(found.status, found.text).toBe(200);
  return found.body.items.map((item: { name: string }) => item.name).sort();
};

describe('Chinese name search without a text index', () => {
  it('stores unigrams and bigrams; a query asks for its bigrams', () => {
    expect(nameGrams('张三丰')).toEqual(['张', '三', '丰', '张三', '三丰']);
    expect(queryGrams('张三丰')).toEqual(['张三', '三丰']);
    expect(queryGrams('明')).toEqual(['明']);
  });

  it('finds substrings, only in public memorials', async () => {
    expect(await search('张三')).toEqual(['张三丰', '李张三'].sort());
    expect(await search('三丰')).toEqual(['三丰张', '张三丰'].sort());
    // Both bigrams of 张三丰 occur in 三丰张三? No such name; and 三丰张 holds 三丰 but not 张三丰.
    expect(await search('张三丰')).toEqual(['张三丰']);
    expect(await search('明')).toEqual(['欧阳明远', '赵德明'].sort());
    expect(await search('欧阳明远')).toEqual(['欧阳明远']);
    expect(await search('王')).toEqual([]);
    expect(await search('.*')).toEqual([]);
  });

  it('pages through all public memorials', async () => {
    const first = await app.request('GET', `${base}/memorials?limit=3`);
    const second = await app.request('GET', `${base}/memorials?limit=3&cursor=${first.body.nextCursor}`);
    const names = [...first.body.items, ...second.body.items].map((item: { name: string }) => item.name);
    expect(names.sort()).toEqual(['张三丰', '三丰张', '李张三', '赵德明', '欧阳明远'].sort());
    expect(second.body.nextCursor).toBeNull();
  });
});
