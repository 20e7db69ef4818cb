/**
 * A fake of the two platform login APIs the BFF calls, on loopback over real HTTP, so the BFF's
 * real adapter code (URLs, signing, parsing, error mapping) runs in tests and in the local demo.
 *
 * WeChat — GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code
 *   200 {"openid","session_key","unionid"} or 200 {"errcode","errmsg"} (WeChat answers errors with 200 too).
 * Alipay — POST /gateway.do, application/x-www-form-urlencoded: app_id, method=alipay.system.oauth.token,
 *   format=JSON, charset=utf-8, sign_type=RSA2, timestamp "yyyy-MM-dd HH:mm:ss", version=1.0,
 *   grant_type=authorization_code, code, sign (RSA-SHA256 over the other non-empty params sorted
 *   by name as k=v&k=v, base64), verified against the app key pair this fake hands out.
 *   200 {"alipay_system_oauth_token_response":{"user_id","open_id","access_token","expires_in",
 *   "refresh_token","re_expires_in","auth_start"},"sign"} or {"error_response":{"code","msg",
 *   "sub_code","sub_msg"},"sign"}; `sign` is RSA-SHA256 over the exact text of the inner object.
 *
 * Codes (the same on both platforms), so tests and demo choose the outcome:
 *   valid-<who>[~<anything>]  success; the user id is derived from <who> only, so the same person
 *                             signs in again with a fresh code. Each code works once (WeChat 40163,
 *                             Alipay isv.code-used), like the real one-time codes.
 *   invalid...                WeChat 40029 / Alipay 40002 isv.code-invalid
 *   ratelimit...              WeChat 45011 / Alipay 20000 aop.call-limited (approximation)
 *   risky...                  WeChat 40226 / Alipay 40004 isv.user-risk (approximation)
 *   busy...                   WeChat -1 / Alipay 20000 isp.unknow-error
 *
 * Pushes (notifications):
 * WeChat — POST /cgi-bin/stable_token {grant_type, appid, secret, force_refresh} → {access_token, expires_in};
 *   POST /cgi-bin/message/subscribe/send?access_token {touser, template_id, page, data} → {errcode, errmsg}
 *   (40001 for a token it never issued or expired).
 * Alipay — the gateway's alipay.open.app.mini.templatemessage.send, biz_content {to_user_id,
 *   user_template_id, page, data} → {"alipay_open_app_mini_templatemessage_send_response":{code:"10000"}}.
 * `push.script(...)` queues the next send outcomes (both platforms draw from one queue):
 *   'ok', 'timeout' (never answers; unprocessed), '5xx', 'refused' (43101 / 40004), 'expired' (42001, and the
 *   token dies), 'ratelimit' (45009 / 20000 aop.call-limited). Unscripted sends succeed.
 */
import { createHash, createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PlatformLoginFake {
  /** Base URL of both APIs, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  wechat: { appId: string; appSecret: string };
  /** The app's private key (PEM) signs requests; Alipay's public key (PEM) verifies answers. */
  alipay: { appId: string; appPrivateKey: string; alipayPublicKey: string };
  /** Every WeChat session_key and Alipay access/refresh token handed out, so a test can prove
   * none of them reached a response or a log line. */
  issuedSecrets: string[];
  push: PushFake;
  close(): Promise<void>;
}

export type PushScript = 'ok' | 'timeout' | '5xx' | 'refused' | 'expired' | 'ratelimit';

export interface PushFake {
  /** Every accepted push: platform, user and template, page and data. */
  readonly sent: { platform: 'wechat' | 'alipay'; to: string; templateId: string; page: string; data: unknown }[];
  /** How many access tokens `stable_token` handed out. */
  tokenCalls(): number;
  script(...outcomes: PushScript[]): void;
}

type Outcome = { ok: true; who: string } | { ok: false; kind: 'invalid' | 'used' | 'ratelimit' | 'risky' | 'busy' };

const wechatErrors = {
  invalid: { errcode: 40029, errmsg: 'invalid code' },
  used: { errcode: 40163, errmsg: 'code been used' },
  ratelimit: { errcode: 45011, errmsg: 'api minute-quota reach limit' },
  risky: { errcode: 40226, errmsg: 'high risk user' },
  busy: { errcode: -1, errmsg: 'system error' },
};

const alipayErrors = {
  invalid: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.code-invalid', sub_msg: '授权码code无效' },
  used: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.code-used', sub_msg: '授权码code已被使用' },
  ratelimit: {
    code: '20000',
    msg: 'Service Currently Unavailable',
    sub_code: 'aop.call-limited',
    sub_msg: '调用频率超限',
  },
  risky: { code: '40004', msg: 'Business Failed', sub_code: 'isv.user-risk', sub_msg: '用户存在风险' },
  busy: { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' },
};

const digest = (text: string) => createHash('sha256').update(text).digest();

function judge(code: string, used: Set<string>): Outcome {
  for (const kind of ['invalid', 'ratelimit', 'risky', 'busy'] as const)
    if (code.startsWith(kind)) return { ok: false, kind };
  if (!code.startsWith('valid-')) return { ok: false, kind: 'invalid' };
  if (used.has(code)) return { ok: false, kind: 'used' };
  used.add(code);
  return { ok: true, who: code.slice('valid-'.length).split('~')[0]! };
}

/** The BFF settings that point its WeChat and Alipay adapters at this fake. */
export function bffEnvFor(fake: PlatformLoginFake): Record<string, string> {
  return {
    WECHAT_API_BASE: fake.url,
    WECHAT_APP_ID: fake.wechat.appId,
    WECHAT_APP_SECRET: fake.wechat.appSecret,
    ALIPAY_GATEWAY: `${fake.url}/gateway.do`,
    ALIPAY_APP_ID: fake.alipay.appId,
    ALIPAY_APP_PRIVATE_KEY: fake.alipay.appPrivateKey,
    ALIPAY_PUBLIC_KEY: fake.alipay.alipayPublicKey,
  };
}

export function alipaySigningContent(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startPlatformLoginFake(
  options: { host?: string; port?: number } = {},
): Promise<PlatformLoginFake> {
  const wechat = { appId: 'wx-fake-app', appSecret: randomBytes(16).toString('hex') };
  const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const alipayKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const alipay = {
    appId: '2021000000000001',
    appPrivateKey: appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    alipayPublicKey: alipayKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  // Codes are per platform, as a WeChat code means nothing to Alipay.
  const used = { wechat: new Set<string>(), alipay: new Set<string>() };
  const issuedSecrets: string[] = [];
  const secret = (bytes: number, encoding: 'base64' | 'hex', prefix = '') => {
    const value = `${prefix}${randomBytes(bytes).toString(encoding)}`;
    issuedSecrets.push(value);
    return value;
  };

  function jscode2session(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    if (q.get('appid') !== wechat.appId)
      return send(res, 200, JSON.stringify({ errcode: 40013, errmsg: 'invalid appid' }));
    if (q.get('secret') !== wechat.appSecret)
      return send(res, 200, JSON.stringify({ errcode: 40125, errmsg: 'invalid appsecret' }));
    if (q.get('grant_type') !== 'authorization_code')
      return send(res, 200, JSON.stringify({ errcode: 40002, errmsg: 'invalid grant_type' }));
    const outcome = judge(q.get('js_code') ?? '', used.wechat);
    if (!outcome.ok) return send(res, 200, JSON.stringify(wechatErrors[outcome.kind]));
    const id = digest(`wechat:${outcome.who}`).toString('base64url');
    send(
      res,
      200,
      JSON.stringify({
        openid: `o${id.slice(0, 27)}`,
        session_key: secret(16, 'base64'),
        unionid: `u${digest(`union:${outcome.who}`).toString('base64url').slice(0, 27)}`,
      }),
    );
  }

  function signedAlipay(res: ServerResponse, key: string, inner: object) {
    const text = JSON.stringify(inner);
    const sign = createSign('RSA-SHA256').update(text, 'utf8').sign(alipayKeys.privateKey, 'base64');
    send(res, 200, `{"${key}":${text},"sign":"${sign}"}`);
  }

  async function gateway(req: IncomingMessage, res: ServerResponse) {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const signed = params.sign
      ? createVerify('RSA-SHA256')
          .update(alipaySigningContent(params), 'utf8')
          .verify(appKeys.publicKey, params.sign, 'base64')
      : false;
    if (params.app_id !== alipay.appId || !signed) {
      return signedAlipay(res, 'error_response', {
        code: '40002',
        msg: 'Invalid Arguments',
        sub_code: 'isv.invalid-signature',
        sub_msg: '验签出错',
      });
    }
    if (params.method === 'alipay.open.app.mini.templatemessage.send') return templateMessage(params, res);
    if (
      params.method !== 'alipay.system.oauth.token' ||
      params.grant_type !== 'authorization_code' ||
      params.version !== '1.0'
    ) {
      return signedAlipay(res, 'error_response', {
        code: '40002',
        msg: 'Invalid Arguments',
        sub_code: 'isv.invalid-parameter',
        sub_msg: '参数无效',
      });
    }
    const outcome = judge(params.code ?? '', used.alipay);
    if (!outcome.ok) return signedAlipay(res, 'error_response', alipayErrors[outcome.kind]);
    const n = digest(`alipay:${outcome.who}`).readBigUInt64BE(0) % 10n ** 12n;
    signedAlipay(res, 'alipay_system_oauth_token_response', {
      user_id: `2088${n.toString().padStart(12, '0')}`,
      open_id: `0${digest(`alipay-open:${outcome.who}`).toString('base64url').slice(0, 40)}`,
      access_token: secret(16, 'hex', 'authbseB'),
      expires_in: 1296000,
      refresh_token: secret(16, 'hex', 'authbseB'),
      re_expires_in: 2592000,
      auth_start: new Date().toISOString().replace('T', ' ').slice(0, 19),
    });
  }

  const sent: PushFake['sent'] = [];
  const queue: PushScript[] = [];
  const tokens = new Set<string>();
  let tokenCalls = 0;
  const push: PushFake = { sent, tokenCalls: () => tokenCalls, script: (...outcomes) => void queue.push(...outcomes) };
  // A timeout never answers: the platform dropped the request unprocessed and the caller gives up.
  const next = async (res: ServerResponse): Promise<PushScript | null> => {
    const outcome = queue.shift() ?? 'ok';
    if (outcome !== 'timeout') return outcome;
    await new Promise((resolve) => res.on('close', resolve));
    return null;
  };

  async function stableToken(req: IncomingMessage, res: ServerResponse) {
    const body = JSON.parse(await readBody(req)) as { appid?: string; secret?: string; grant_type?: string };
    if (body.appid !== wechat.appId || body.secret !== wechat.appSecret || body.grant_type !== 'client_credential')
      return send(res, 200, JSON.stringify({ errcode: 40013, errmsg: 'invalid appid' }));
    tokenCalls += 1;
    const token = secret(24, 'hex', 'AT_');
    tokens.add(token);
    send(res, 200, JSON.stringify({ access_token: token, expires_in: 7200 }));
  }

  async function subscribeSend(url: URL, req: IncomingMessage, res: ServerResponse) {
    const body = JSON.parse(await readBody(req)) as {
      touser: string;
      template_id: string;
      page?: string;
      data: unknown;
    };
    const token = url.searchParams.get('access_token') ?? '';
    if (!tokens.has(token)) return send(res, 200, JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }));
    const outcome = await next(res);
    if (outcome === null) return;
    if (outcome === '5xx') return send(res, 502, 'bad gateway');
    if (outcome === 'refused')
      return send(res, 200, JSON.stringify({ errcode: 43101, errmsg: 'user refuse to accept the msg' }));
    if (outcome === 'ratelimit')
      return send(res, 200, JSON.stringify({ errcode: 45009, errmsg: 'reach max api daily quota limit' }));
    if (outcome === 'expired') {
      tokens.delete(token);
      return send(res, 200, JSON.stringify({ errcode: 42001, errmsg: 'access_token expired' }));
    }
    sent.push({
      platform: 'wechat',
      to: body.touser,
      templateId: body.template_id,
      page: body.page ?? '',
      data: body.data,
    });
    send(res, 200, JSON.stringify({ errcode: 0, errmsg: 'ok' }));
  }

  async function templateMessage(params: Record<string, string>, res: ServerResponse) {
    const biz = JSON.parse(params.biz_content ?? '{}') as Record<string, string>;
    const outcome = await next(res);
    if (outcome === null) return;
    if (outcome === '5xx') return send(res, 502, 'bad gateway');
    const key = 'alipay_open_app_mini_templatemessage_send_response';
    if (outcome === 'refused')
      return signedAlipay(res, key, { code: '40004', msg: 'Business Failed', sub_code: 'USER_TEMPLATE_ILLEGAL' });
    if (outcome === 'ratelimit' || outcome === 'expired')
      return signedAlipay(res, key, {
        code: '20000',
        msg: 'Service Currently Unavailable',
        sub_code: 'aop.call-limited',
      });
    sent.push({
      platform: 'alipay',
      to: biz.to_user_id ?? '',
      templateId: biz.user_template_id ?? '',
      page: biz.page ?? '',
      data: JSON.parse(biz.data ?? '{}'),
    });
    signedAlipay(res, key, { code: '10000', msg: 'Success' });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') return jscode2session(url, res);
    const failed = () => send(res, 500, '{}');
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token')
      return void stableToken(req, res).catch(failed);
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send')
      return void subscribeSend(url, req, res).catch(failed);
    if (req.method === 'POST' && url.pathname === '/gateway.do') {
      return void gateway(req, res).catch(() => send(res, 500, '{}'));
    }
    send(res, 404, JSON.stringify({ errcode: 404, errmsg: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    wechat,
    alipay,
    issuedSecrets,
    push,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
