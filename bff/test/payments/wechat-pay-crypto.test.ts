import { createCipheriv, createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorization, decryptResource, verifyNotification } from '../../src/platform/payments/wechat-pay-crypto';

// The strings below are written out by hand from WeChat Pay's v3 signing guide (签名生成 and
// 签名验证), so a change in how the module joins its lines fails here, not only against our fake.
const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

describe('WeChat Pay v3 signing', () => {
  it('signs METHOD\\nURL\\ntimestamp\\nnonce\\nbody\\n and names mchid, nonce, timestamp and serial in the header', () => {
    const header = authorization(
      { mchId: '1900009191', serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C', privateKey },
      'GET',
      '/v3/certificates',
      '',
      '1554208460',
      '593BEC0C930BF1AFEB40B4A08C8FB242',
    );
    expect(header).toMatch(
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="[A-Za-z0-9+/=]+",timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"$/,
    );
    const signature = /signature="([^"]+)"/.exec(header)![1]!;
    const message = 'GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n';
    expect(createVerify('RSA-SHA256').update(message).verify(publicKey, signature, 'base64')).toBe(true);
  });

  it('verifies a notification signed over timestamp\\nnonce\\nbody\\n, and nothing else', () => {
    const body = '{"id":"EV-2018022511223320873","event_type":"TRANSACTION.SUCCESS"}';
    const signature = createSign('RSA-SHA256')
      .update(`1554209980\nc5ac7061fccab6bf3e254dcf98995b8c\n${body}\n`)
      .sign(privateKey, 'base64');
    const headers = { timestamp: '1554209980', nonce: 'c5ac7061fccab6bf3e254dcf98995b8c', signature };
    expect(verifyNotification(publicKey, headers, body)).toBe(true);
    expect(verifyNotification(publicKey, headers, `${body} `)).toBe(false);
    expect(verifyNotification(publicKey, { ...headers, nonce: 'x' }, body)).toBe(false);
    expect(verifyNotification(publicKey, { ...headers, signature: 'not base64 at all' }, body)).toBe(false);
  });

  it('decrypts AEAD_AES_256_GCM resources (ciphertext ‖ 16-byte tag, base64) and refuses a tampered one', () => {
    const key = '0123456789abcdef0123456789abcdef';
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), Buffer.from('fdasflkja484'));
    cipher.setAAD(Buffer.from('transaction'));
    const plain = '{"out_trade_no":"1217752501201407033233368018"}';
    const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]).toString('base64');
    const resource = { ciphertext: sealed, nonce: 'fdasflkja484', associated_data: 'transaction' };
    expect(decryptResource(key, resource)).toBe(plain);
    expect(decryptResource(key, { ...resource, associated_data: 'certificate' })).toBeNull();
    expect(decryptResource('f'.repeat(32), resource)).toBeNull();
  });
});
