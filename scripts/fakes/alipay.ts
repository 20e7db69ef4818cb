/**
 * A fake of Alipay's open gateway for payments on loopback over real HTTP, so the BFF's real
 * adapter (the official `alipay-sdk`: RSA2 request signing, answer verification, yuan amounts)
 * runs in tests and in the local demo. Keys are generated when it starts; none is ever committed.
 *
 *   POST /gateway.do?app_id&method&format&charset&sign_type&timestamp&version[&notify_url]&sign,
 *   form body biz_content (JSON). `sign` is RSA-SHA256 over every other parameter sorted by name
 *   as k=v&k=v, checked against the app key pair this fake hands out. Answers are
 *   {"<method with _>_response": {...}, "sign"} signed over the exact inner text:
 *     alipay.trade.create   → 10000 {out_trade_no, trade_no}
 *     alipay.trade.query    → 10000 {trade_status, trade_no, total_amount} | 40004 ACQ.TRADE_NOT_EXIST
 *     alipay.trade.refund   → 10000 {fund_change, refund_fee} (same out_request_no counts once)
 *                            | 40004 ACQ.TRADE_STATUS_ERROR / ACQ.REFUND_AMT_NOT_EQUAL_TOTAL
 *     alipay.trade.close    → 10000 | 40004 ACQ.TRADE_NOT_EXIST / ACQ.TRADE_STATUS_ERROR (paid)
 *
 * The test decides what the platform does: `pay()` marks a trade paid (at any amount),
 * `notify()` / `refundNotify()` build the async notify form as Alipay posts it (signed over every
 * field but sign and sign_type; or with a foreign key), to be sent late, twice or out of order;
 * `failNext()` makes the next calls time out, answer 500 or answer with a bad signature.
 */
import { createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Failure = 'timeout' | '5xx' | 'bad-signature';

export interface AlipayTrade {
  out_trade_no: string;
  trade_no: string;
  total_amount: string;
  trade_status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';
  buyer_id: string;
  subject: string;
}

export interface AlipayFake {
  url: string;
  env: Record<string, string>;
  /** Gateway methods the BFF called, in order, as `method out_trade_no`. */
  calls: string[];
  /** Distinct refunds accepted (a repeated out_request_no is not added again). */
  refunds: { out_trade_no: string; out_request_no: string; refund_amount: string }[];
  failNext(kind: Failure, times?: number): void;
  /** Marks a trade paid at `totalFen` (which may differ from the order's). */
  pay(outTradeNo: string, totalFen: number): AlipayTrade;
  /** The async notify of a trade's state as Alipay posts it: the form body and its headers. */
  notify(
    trade: AlipayTrade,
    options?: { badSignature?: boolean; appId?: string },
  ): { body: string; headers: Record<string, string> };
  /** The notify Alipay sends after a refund: the trade with `out_biz_no` and `refund_fee`. */
  refundNotify(outTradeNo: string, outRequestNo: string): { body: string; headers: Record<string, string> };
  close(): Promise<void>;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);
const fenOf = (text: string) => Math.round(Number(text) * 100);
const beijing = (date: Date) => new Date(date.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
// Alipay's signing content: the non-empty parameters but `skip`, sorted by name, as k=v&k=v.
const sortedContent = (fields: Record<string, string>, skip: readonly string[]) =>
  Object.keys(fields)
    .filter((key) => !skip.includes(key) && fields[key] !== '')
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('&');

export async function startAlipayFake(clock: () => Date = () => new Date()): Promise<AlipayFake> {
  const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const alipay = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const appId = '2021000000000001';
  const trades = new Map<string, AlipayTrade>();
  const refunded = new Map<string, number>();
  const failures: Failure[] = [];
  const calls: string[] = [];
  const refunds: AlipayFake['refunds'] = [];

  const newTrade = (outTradeNo: string, totalAmount: string, subject: string, buyerId: string): AlipayTrade => ({
    out_trade_no: outTradeNo,
    trade_no: `2026${randomBytes(12).toString('hex').slice(0, 24)}`,
    total_amount: totalAmount,
    trade_status: 'WAIT_BUYER_PAY',
    buyer_id: buyerId,
    subject,
  });

  function signedForm(fields: Record<string, string>, badSignature = false) {
    const sign = createSign('RSA-SHA256')
      .update(sortedContent(fields, ['sign', 'sign_type']), 'utf8')
      .sign(badSignature ? stranger.privateKey : alipay.privateKey, 'base64');
    return {
      body: new URLSearchParams({ ...fields, sign }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    };
  }
  function notifyFields(trade: AlipayTrade, appIdOf = appId): Record<string, string> {
    const now = beijing(clock());
    return {
      notify_time: now,
      notify_type: 'trade_status_sync',
      notify_id: randomBytes(16).toString('hex'),
      app_id: appIdOf,
      charset: 'utf-8',
      version: '1.0',
      sign_type: 'RSA2',
      trade_no: trade.trade_no,
      out_trade_no: trade.out_trade_no,
      buyer_id: trade.buyer_id,
      trade_status: trade.trade_status,
      total_amount: trade.total_amount,
      receipt_amount: trade.total_amount,
      buyer_pay_amount: trade.total_amount,
      subject: trade.subject,
      gmt_create: now,
      gmt_payment: now,
      // Alipay posts fields it has no value for, empty, and leaves them out of the signature.
      passback_params: '',
    };
  }

  const fake: Omit<AlipayFake, 'url' | 'env' | 'close'> = {
    calls,
    refunds,
    failNext: (kind, times = 1) => void failures.push(...Array<Failure>(times).fill(kind)),
    pay(outTradeNo, totalFen) {
      const trade = trades.get(outTradeNo) ?? newTrade(outTradeNo, yuan(totalFen), '订单', '2088000000000001');
      const paid: AlipayTrade = { ...trade, total_amount: yuan(totalFen), trade_status: 'TRADE_SUCCESS' };
      trades.set(outTradeNo, paid);
      return paid;
    },
    notify: (trade, options = {}) => signedForm(notifyFields(trade, options.appId), options.badSignature),
    refundNotify(outTradeNo, outRequestNo) {
      const trade = trades.get(outTradeNo);
      if (!trade) throw new Error(`no trade ${outTradeNo}`);
      return signedForm({
        ...notifyFields(trade),
        out_biz_no: outRequestNo,
        refund_fee: yuan(refunded.get(outTradeNo) ?? 0),
        gmt_refund: beijing(clock()),
      });
    },
  };

  function answer(res: ServerResponse, method: string, inner: Record<string, unknown>, badSignature = false) {
    const key = `${method.replaceAll('.', '_')}_response`;
    const text = JSON.stringify(inner);
    const sign = createSign('RSA-SHA256')
      .update(text, 'utf8')
      .sign(badSignature ? stranger.privateKey : alipay.privateKey, 'base64');
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
    res.end(`{"${key}":${text},"sign":"${sign}"}`);
  }
  const failed = (subCode: string, subMsg: string) => ({
    code: '40004',
    msg: 'Business Failed',
    sub_code: subCode,
    sub_msg: subMsg,
  });

  function execute(method: string, biz: Record<string, string>, notifyUrl: string | undefined) {
    const trade = trades.get(biz.out_trade_no ?? '');
    switch (method) {
      case 'alipay.trade.create': {
        if (!notifyUrl) return failed('ACQ.INVALID_PARAMETER', '缺少 notify_url');
        const created = trade ?? newTrade(biz.out_trade_no!, biz.total_amount!, biz.subject!, biz.buyer_id ?? '');
        trades.set(created.out_trade_no, created);
        return { code: '10000', msg: 'Success', out_trade_no: created.out_trade_no, trade_no: created.trade_no };
      }
      case 'alipay.trade.query':
        if (!trade) return failed('ACQ.TRADE_NOT_EXIST', '交易不存在');
        return { code: '10000', msg: 'Success', ...trade };
      case 'alipay.trade.close':
        if (!trade) return failed('ACQ.TRADE_NOT_EXIST', '交易不存在');
        if (trade.trade_status === 'TRADE_SUCCESS') return failed('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
        trades.set(trade.out_trade_no, { ...trade, trade_status: 'TRADE_CLOSED' });
        return { code: '10000', msg: 'Success', out_trade_no: trade.out_trade_no, trade_no: trade.trade_no };
      case 'alipay.trade.refund': {
        if (trade?.trade_status !== 'TRADE_SUCCESS') return failed('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
        const repeated = refunds.some((r) => r.out_request_no === biz.out_request_no);
        const total = (refunded.get(trade.out_trade_no) ?? 0) + (repeated ? 0 : fenOf(biz.refund_amount ?? '0'));
        if (total > fenOf(trade.total_amount)) return failed('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
        if (!repeated) {
          refunds.push({
            out_trade_no: trade.out_trade_no,
            out_request_no: biz.out_request_no ?? '',
            refund_amount: biz.refund_amount ?? '',
          });
          refunded.set(trade.out_trade_no, total);
        }
        return {
          code: '10000',
          msg: 'Success',
          trade_no: trade.trade_no,
          out_trade_no: trade.out_trade_no,
          fund_change: repeated ? 'N' : 'Y',
          refund_fee: yuan(total),
        };
      }
      default:
        return { code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid-method', sub_msg: '不存在的方法名' };
    }
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const params: Record<string, string> = {
      ...Object.fromEntries(url.searchParams),
      ...Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
    };
    const method = params.method ?? '';
    const biz = JSON.parse(params.biz_content ?? '{}') as Record<string, string>;
    calls.push(`${method} ${biz.out_trade_no ?? ''}`);
    const failure = failures.shift();
    if (failure === 'timeout') return; // never answers; the client's timeout ends it
    if (failure === '5xx') {
      res.writeHead(502);
      return void res.end('bad gateway');
    }
    if (req.method !== 'POST' || url.pathname !== '/gateway.do') {
      res.writeHead(404);
      return void res.end();
    }
    const signed =
      params.app_id === appId &&
      params.sign_type === 'RSA2' &&
      createVerify('RSA-SHA256')
        .update(sortedContent(params, ['sign']), 'utf8')
        .verify(app.publicKey, params.sign ?? '', 'base64');
    if (!signed) {
      return answer(res, method, {
        code: '40002',
        msg: 'Invalid Arguments',
        sub_code: 'isv.invalid-signature',
        sub_msg: '验签出错',
      });
    }
    answer(res, method, execute(method, biz, params.notify_url), failure === 'bad-signature');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...fake,
    url,
    env: {
      ALIPAY_GATEWAY: `${url}/gateway.do`,
      ALIPAY_APP_ID: appId,
      ALIPAY_APP_PRIVATE_KEY: app.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      ALIPAY_PUBLIC_KEY: alipay.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      ALIPAY_PAY_NOTIFY_URL: 'https://warmcity.example/api/payments/notify/alipay',
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
