import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentOrders } from '../../src/platform/payments/order.model';
import { startTestApp, type TestApp } from '../support/app';
import { testOperations, testRoutes } from '../support/test-operations';

// The dev payment page pays without any platform, so it exists only where no real money moves.
let production: TestApp;
beforeAll(async () => {
  production = await startTestApp({
    extraOperations: testOperations,
    extraRoutes: testRoutes(),
    env: {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://127.0.0.1:1/unused',
      JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
      DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
      DATA_KEY_ID: 'prod-1',
    },
  });
});
afterAll(() => production.close());

describe('the development payment provider in production', () => {
  it('is refused to start and to confirm, and the order stays unpaid', async () => {
    const { token } = production.signIn('resident');
    const created = await production.request('POST', '/api/test/payment-orders', {
      token,
      body: { subjectId: 'prod-1', scope: 'site:p', items: [{ name: '充电', amountFen: 100 }], expiresInMinutes: 30 },
    });
    const id = created.body.id as string;
    // Signed in through the dev provider, which records no platform: the dev page is its only way to pay.
    const start = await production.request('POST', `/api/payments/orders/${id}/payment`, { token });
    expect(start.status).toBe(400);
    expect(start.body.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    const confirm = await production.request('POST', `/api/payments/orders/${id}/dev-payment`, { token });
    expect(confirm.status).toBe(400);
    expect(confirm.body.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    expect(await PaymentOrders(production.connection).findById(id).lean()).toMatchObject({
      status: 'created',
      paidFen: 0,
    });
  });
});
