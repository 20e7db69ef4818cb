import { createDecipheriv, createSign, createVerify, randomBytes } from 'node:crypto';

// WeChat Pay API v3 signing, kept small on node:crypto (no maintained Node 20 SDK fits): every
// string signed is lines joined by "\n" with a trailing "\n", RSA-SHA256 (PKCS#1 v1.5), base64.

const message = (...lines: string[]) => lines.map((line) => `${line}\n`).join('');

export function rsaSign(privateKeyPem: string, ...lines: string[]): string {
  return createSign('RSA-SHA256')
    .update(message(...lines))
    .sign(privateKeyPem, 'base64');
}

export function rsaVerify(publicKeyPem: string, signature: string, ...lines: string[]): boolean {
  try {
    return createVerify('RSA-SHA256')
      .update(message(...lines))
      .verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}

export const nonce = () => randomBytes(16).toString('hex');

/** The `Authorization` header of a merchant request: method, URL path+query, timestamp, nonce, body. */
export function authorization(
  merchant: { mchId: string; serialNo: string; privateKey: string },
  method: string,
  pathAndQuery: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000).toString(),
  nonceStr = nonce(),
): string {
  const signature = rsaSign(merchant.privateKey, method, pathAndQuery, timestamp, nonceStr, body);
  return `WECHATPAY2-SHA256-RSA2048 mchid="${merchant.mchId}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${merchant.serialNo}"`;
}

/** What `Taro.requestPayment` needs for a JSAPI prepay id. */
export function requestPaymentParams(
  appId: string,
  privateKey: string,
  prepayId: string,
  timestamp: string,
  nonceStr = nonce(),
) {
  const pkg = `prepay_id=${prepayId}`;
  return {
    timeStamp: timestamp,
    nonceStr,
    package: pkg,
    signType: 'RSA' as const,
    paySign: rsaSign(privateKey, appId, timestamp, nonceStr, pkg),
  };
}

/** A notification's (or answer's) signature: timestamp, nonce and the exact body bytes. */
export function verifyNotification(
  platformPublicKey: string,
  headers: { timestamp: string; nonce: string; signature: string },
  body: string,
): boolean {
  return rsaVerify(platformPublicKey, headers.signature, headers.timestamp, headers.nonce, body);
}

/** AEAD_AES_256_GCM with the APIv3 key: ciphertext is base64 of the encrypted bytes then the 16-byte tag. */
export function decryptResource(
  apiV3Key: string,
  resource: { ciphertext: string; nonce: string; associated_data?: string | undefined },
): string | null {
  try {
    const bytes = Buffer.from(resource.ciphertext, 'base64');
    if (bytes.length < 17) return null;
    const decipher = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(apiV3Key, 'utf8'),
      Buffer.from(resource.nonce, 'utf8'),
    );
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
