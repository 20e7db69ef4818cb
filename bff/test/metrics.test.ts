import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';

// The count of one series in the exposition text, 0 while it does not exist yet.
function count(text: string, operation: string, statusClass: string): number {
  const line = text
    .split('\n')
    .find((row) =>
      row.startsWith(`warmcity_http_requests_total{operation="${operation}",status_class="${statusClass}"} `),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('/metrics with METRICS_TOKEN set', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => app.close());

  const scrape = async () => {
    const answer = await app.request('GET', '/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return answer.text;
  };

  it('counts requests by operation id and status class, never by URL', async () => {
    const before = await scrape();
    for (let i = 0; i < 3; i += 1) expect((await app.request('GET', '/healthz')).status).toBe(200);
    expect((await app.request('GET', '/api/no/such/route/12345')).status).toBe(404);
    const after = await scrape();

    expect(count(after, 'system.health', '2xx') - count(before, 'system.health', '2xx')).toBe(3);
    expect(count(after, 'unmatched', '4xx') - count(before, 'unmatched', '4xx')).toBe(1);
    // The scrape before this one was counted too.
    expect(count(after, 'system.metrics', '2xx') - count(before, 'system.metrics', '2xx')).toBe(1);
    expect(after).toMatch(
      /^warmcity_http_request_duration_seconds_count\{operation="system.health",status_class="2xx"\} \d+$/m,
    );
    expect(after).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(after).not.toContain('12345');
  });

  it('answers 404 like a missing route without the token or with a wrong one', async () => {
    const missing = await app.request('GET', '/api/no/such/route');
    const attempts: Record<string, string>[] = [{}, { Authorization: `Bearer ${TOKEN}x` }, { Authorization: TOKEN }];
    for (const headers of attempts) {
      const answer = await app.request('GET', '/metrics', { headers });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(missing.body);
      expect(answer.text).not.toContain('warmcity_http');
    }
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers 404 whatever is sent', async () => {
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer ' }, { Authorization: `Bearer ${TOKEN}` }];
    for (const headers of attempts) expect((await app.request('GET', '/metrics', { headers })).status).toBe(404);
  });
});
