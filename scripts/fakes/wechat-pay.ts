/**
 * A fake of WeChat Pay API v3 on loopback over real HTTP, so the BFF's real payment adapter
 * (URLs, request signing, notification signing and AES-256-GCM resources) runs in tests and in
 * the local demo. It verifies each merchant request's `Authorization` signature.
 *
 *   POST /v3/pay/transactions/jsapi                     → 200 {"prepay_id"}
 *   GET  /v3/pay/transactions/out-trade-no/:no?mchid=   → 200 transaction | 404 ORDER_NOT_EXIST
 *   POST /v3/pay/transactions/out-trade-no/:no/close    → 204 | 400 ORDER_PAID | 400 ORDER_CLOSED (closed before)
 *   POST /v3/refund/domestic/refunds                    → 200 {"status": "SUCCESS"|"PROCESSING"}
 *
 * Every answer is signed like WeChat's (`Wechatpay-Serial`, `-Timestamp`, `-Nonce`, `-Signature`
 * over `timestamp\nnonce\nbody\n`) with the platform key the BFF is configured with.
 *
 * The test decides what the platform does: `pay()` marks a trade paid (at any amount),
 * `notification()` builds a signed callback (or a badly signed, stale one, or one under another
 * serial), `failNext()` makes the next calls time out, answer 500, answer with a bad signature or
 * answer a query with another order's trade,
 * `refundsPending` holds refunds at PROCESSING, and `signWith('next')` signs from then on with
 * the next platform key (configured in `WECHAT_PAY_PLATFORM_OTHER_KEYS`, as during WeChat's switch).
 */
import { createCipheriv, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rsaSign, rsaVerify } from '../../bff/src/platform/payments/wechat-pay-crypto';

export interface WechatPayFake {
  url: string;
  env: Record<string, string>;
  /** Requests the BFF made, as `METHOD path`. */
  calls: string[];
  refunds: { out_trade_no: string; out_refund_no: string; amount: { refund: number; total: number } }[];
  refundsPending: boolean;
  failNext(kind: Failure, times?: number): void;
  /** Drops the failures `failNext` queued that no call has used yet. */
  recover(): void;
  /** Signs notifications and answers from now on with the current or the next platform key,
   * each under its own serial. */
  signWith(key: 'current' | 'next'): void;
  pay(outTradeNo: string, totalFen: number): Record<string, unknown>;
  /** WeChat closed the order, but the BFF never heard (its close's answer was lost). */
  closedUnheard(outTradeNo: string): void;
  /** A callback as WeChat sends it: the exact body and its signature headers. */
  notification(
    event: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS',
    resource: Record<string, unknown>,
    options?: { badSignature?: boolean; timestamp?: number; serial?: string },
  ): { body: string; headers: Record<string, string> };
  close(): Promise<void>;
}

/** `another-trade`: a query is answered, signed, with the trade paid last of another order. */
type Failure = 'timeout' | '5xx' | 'bad-signature' | 'another-trade';
/** The 公钥ID the BFF knows the current platform key by, and the next one's. */
const PLATFORM_KEY_ID = 'PUB_KEY_ID_0119000001092026000000000001';
const NEXT_PLATFORM_KEY_ID = 'PUB_KEY_ID_0119000001092026000000000002';

const pemPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

function encrypt(apiV3Key: string, plain: string) {
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from('transaction'));
  const bytes = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: bytes.toString('base64'),
    associated_data: 'transaction',
    original_type: 'transaction',
    nonce,
  };
}

export async function startWechatPayFake(clock: () => Date = () => new Date()): Promise<WechatPayFake> {
  const merchant = pemPair();
  const platforms = [
    { id: PLATFORM_KEY_ID, ...pemPair() },
    { id: NEXT_PLATFORM_KEY_ID, ...pemPair() },
  ] as const;
  let platform: (typeof platforms)[number] = platforms[0];
  const stranger = pemPair();
  const mchId = '1900000109';
  const appId = 'wxfakepayapp0001';
  const apiV3Key = randomBytes(16).toString('hex');
  const trades = new Map<string, Record<string, unknown>>();
  const closed = new Set<string>();
  const failures: Failure[] = [];
  /** WeChat's signature headers over `body`, by `key` under `serial`. */
  const signatureHeaders = (body: string, key: string, serial: string, at = Math.floor(clock().getTime() / 1000)) => {
    const timestamp = String(at);
    const nonce = randomBytes(16).toString('hex');
    return {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': rsaSign(key, timestamp, nonce, body),
      'wechatpay-serial': serial,
    };
  };
  const fake: Omit<WechatPayFake, 'url' | 'env' | 'close'> = {
    calls: [],
    refunds: [],
    refundsPending: false,
    failNext: (kind, times = 1) => void failures.push(...Array<Failure>(times).fill(kind)),
    recover: () => void failures.splice(0),
    signWith: (key) => void (platform = platforms[key === 'next' ? 1 : 0]),
    closedUnheard: (outTradeNo) => void closed.add(outTradeNo),
    pay(outTradeNo, totalFen) {
      const trade = {
        mchid: mchId,
        appid: appId,
        out_trade_no: outTradeNo,
        transaction_id: `4200${randomBytes(8).toString('hex')}`,
        trade_state: 'SUCCESS',
        amount: { total: totalFen, payer_total: totalFen, currency: 'CNY' },
        success_time: clock().toISOString(),
      };
      trades.set(outTradeNo, trade);
      return trade;
    },
    notification(event, resource, options = {}) {
      const body = JSON.stringify({
        id: randomBytes(8).toString('hex'),
        create_time: clock().toISOString(),
        resource_type: 'encrypt-resource',
        event_type: event,
        summary: event === 'REFUND.SUCCESS' ? '退款成功' : '支付成功',
        resource: encrypt(apiV3Key, JSON.stringify({ mchid: mchId, ...resource })),
      });
      const key = options.badSignature ? stranger.privateKey : platform.privateKey;
      return {
        body,
        headers: {
          'content-type': 'application/json',
          ...signatureHeaders(body, key, options.serial ?? platform.id, options.timestamp),
        },
      };
    },
  };

  const answer = (res: ServerResponse, status: number, body?: unknown, key = platform.privateKey) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...signatureHeaders(text, key, platform.id),
    });
    res.end(body === undefined ? undefined : text);
  };
  const signedByMerchant = (req: IncomingMessage, body: string) => {
    const fields = Object.fromEntries(
      [...(req.headers.authorization ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    return (
      fields.mchid === mchId &&
      rsaVerify(
        merchant.publicKey,
        fields.signature ?? '',
        req.method ?? '',
        req.url ?? '',
        fields.timestamp ?? '',
        fields.nonce_str ?? '',
        body,
      )
    );
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    fake.calls.push(`${req.method} ${url.pathname}`);
    const failure = failures.shift();
    if (failure === 'timeout') return; // never answers; the client's timeout ends it
    const reply = (status: number, body?: unknown) =>
      answer(res, status, body, failure === 'bad-signature' ? stranger.privateKey : platform.privateKey);
    if (failure === '5xx') return reply(500, { code: 'SYSTEM_ERROR', message: '系统错误' });
    if (!signedByMerchant(req, text)) return reply(401, { code: 'SIGN_ERROR', message: '签名错误' });
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const byNo = url.pathname.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/);
    if (req.method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi') {
      return reply(200, { prepay_id: `wx${randomBytes(12).toString('hex')}` });
    }
    if (byNo && req.method === 'GET') {
      const trade =
        failure === 'another-trade'
          ? [...trades.values()].filter((t) => t.out_trade_no !== byNo[1]).at(-1)
          : trades.get(byNo[1]!);
      return trade ? reply(200, trade) : reply(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    }
    if (byNo && req.method === 'POST') {
      if (trades.get(byNo[1]!)?.trade_state === 'SUCCESS')
        return reply(400, { code: 'ORDER_PAID', message: '订单已支付' });
      if (closed.has(byNo[1]!)) return reply(400, { code: 'ORDER_CLOSED', message: '订单已关闭' });
      closed.add(byNo[1]!);
      return reply(204);
    }
    if (req.method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') {
      fake.refunds.push(body as unknown as WechatPayFake['refunds'][number]);
      return reply(200, {
        refund_id: `5030${randomBytes(8).toString('hex')}`,
        out_trade_no: body.out_trade_no,
        out_refund_no: body.out_refund_no,
        status: fake.refundsPending ? 'PROCESSING' : 'SUCCESS',
      });
    }
    reply(404, { code: 'NOT_FOUND', message: 'no such API' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...fake,
    get refundsPending() {
      return fake.refundsPending;
    },
    set refundsPending(value: boolean) {
      fake.refundsPending = value;
    },
    url,
    env: {
      WECHAT_APP_ID: appId,
      WECHAT_PAY_API_BASE: url,
      WECHAT_PAY_MCH_ID: mchId,
      WECHAT_PAY_MCH_SERIAL_NO: 'FA1E5E41A1',
      WECHAT_PAY_PRIVATE_KEY: merchant.privateKey,
      WECHAT_PAY_PLATFORM_PUBLIC_KEY: platforms[0].publicKey,
      WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID: platforms[0].id,
      WECHAT_PAY_PLATFORM_OTHER_KEYS: `${platforms[1].id}:${createPublicKey(platforms[1].publicKey).export({ type: 'spki', format: 'der' }).toString('base64')}`,
      WECHAT_PAY_API_V3_KEY: apiV3Key,
      WECHAT_PAY_NOTIFY_URL: 'https://warmcity.example/api/payments/notify/wechat',
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
