/**
 * A fake of an OpenAI-compatible chat-completions endpoint on loopback over real HTTP, so the
 * BFF's real life-story provider (URL, Bearer key, body, timeout, parsing) runs in tests.
 *
 * POST {url}/chat/completions, `Authorization: Bearer <key>`, JSON {model, messages, max_tokens}
 *   → 200 {"id","object":"chat.completion","model","choices":[{"index":0,"message":{"role":"assistant",
 *   "content"},"finish_reason":"stop"}]}; a wrong key → 401 {"error":{...}}.
 * `behave(...)` sets how the next calls answer:
 *   'ok'    the `answer` text (by default a short draft);
 *   'slow'  never answers until the fake closes (for the BFF's timeout);
 *   'fail'  500 {"error":{"message":"upstream overloaded"}}.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LifeStoryBehaviour = 'ok' | 'slow' | 'fail';

export interface LifeStoryRequest {
  authorization: string | undefined;
  body: { model?: string; max_tokens?: number; messages?: { role: string; content: string }[] };
  /** The request body exactly as received, for scans such as "no ID number ever sent". */
  raw: string;
}

export interface LifeStoryFake {
  /** The API base, e.g. http://127.0.0.1:41234/v1 (no trailing slash). */
  url: string;
  key: string;
  model: string;
  readonly received: LifeStoryRequest[];
  behave(behaviour: LifeStoryBehaviour, answer?: string): void;
  close(): Promise<void>;
}

export const FAKE_STORY = '林远山一生务农，勤勉朴实。他种了一辈子杨梅，乡亲们都记得他的笑容。家人永远怀念他。';

export async function startLifeStoryFake(): Promise<LifeStoryFake> {
  const key = `sk-fake-${randomBytes(8).toString('hex')}`;
  const model = 'fake-chat-1';
  const received: LifeStoryRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let behaviour: LifeStoryBehaviour = 'ok';
  let answer = FAKE_STORY;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        return json(res, 404, { error: { message: 'not found' } });
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({
        authorization: req.headers.authorization,
        body: JSON.parse(raw) as LifeStoryRequest['body'],
        raw,
      });
      if (req.headers.authorization !== `Bearer ${key}`) {
        return json(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } });
      }
      if (behaviour === 'slow') return void hanging.add(res);
      if (behaviour === 'fail') return json(res, 500, { error: { message: 'upstream overloaded' } });
      json(res, 200, {
        id: `chatcmpl-${randomBytes(6).toString('hex')}`,
        object: 'chat.completion',
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    key,
    model,
    received,
    behave(next, text) {
      behaviour = next;
      if (text !== undefined) answer = text;
    },
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The BFF's env for this fake. */
export const lifeStoryEnvFor = (fake: LifeStoryFake, timeoutMs = 15_000): Record<string, string> => ({
  LIFE_STORY_API_URL: fake.url,
  LIFE_STORY_API_KEY: fake.key,
  LIFE_STORY_MODEL: fake.model,
  LIFE_STORY_TIMEOUT_MS: String(timeoutMs),
});
