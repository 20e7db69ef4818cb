import mongoose from 'mongoose';
import { z } from 'zod';
import { defineOperation, objectId } from '@warmcity/shared';
import { amountFen } from '@warmcity/shared/api/payments';
import { implement } from '../../src/platform/implement';
import { createOrder, refundOrder } from '../../src/platform/payments/orders';
import { problem } from '../../src/platform/problem';

// Operations that exist only in tests, to drive platform behaviour no real route shows yet
// (a slow request, an idempotent creation, each kind of failure). They go through the same
// binder as the real ones.
export const testApi = {
  slow: defineOperation({
    id: 'test.slow',
    method: 'GET',
    path: '/api/test/slow',
    summary: 'Answers once the test releases it',
    access: 'public',
    response: z.strictObject({ done: z.literal(true) }),
  }),
  createNote: defineOperation({
    id: 'test.createNote',
    method: 'POST',
    path: '/api/test/notes',
    summary: 'Stores a note (idempotent creation)',
    access: 'resident',
    idempotent: true,
    status: 201,
    body: z.strictObject({ text: z.string().min(1).max(200), pinned: z.boolean().optional() }),
    response: z.strictObject({ id: objectId, text: z.string() }),
  }),
  renameNote: defineOperation({
    id: 'test.renameNote',
    method: 'PATCH',
    path: '/api/test/notes/:id',
    summary: 'Path params, query and body together',
    access: 'staff',
    params: z.strictObject({ id: objectId }),
    query: z.strictObject({ notify: z.enum(['yes', 'no']).optional() }),
    body: z.strictObject({ text: z.string().min(1).max(200) }),
    response: z.strictObject({ ok: z.literal(true) }),
  }),
  fail: defineOperation({
    id: 'test.fail',
    method: 'GET',
    path: '/api/test/fail/:kind',
    summary: 'Throws the named kind of error',
    access: 'public',
    params: z.strictObject({ kind: z.enum(['app', 'plain', 'driver', 'mongoose', 'leaky-shape', 'secret-message']) }),
    response: z.strictObject({ ok: z.literal(true) }),
  }),
  countNotes: defineOperation({
    id: 'test.countNotes',
    method: 'GET',
    path: '/api/test/notes/count',
    summary: 'Reads the database',
    access: 'public',
    response: z.strictObject({ count: z.number() }),
  }),
  whoAmI: defineOperation({
    id: 'test.whoAmI',
    method: 'GET',
    path: '/api/test/me',
    summary: 'The session, when one is sent',
    access: 'optional',
    response: z.strictObject({ userId: z.string().nullable() }),
  }),
  adminOnly: defineOperation({
    id: 'test.adminOnly',
    method: 'GET',
    path: '/api/test/admin',
    summary: 'Needs the admin role',
    access: 'admin',
    response: z.strictObject({ ok: z.literal(true) }),
  }),
  // A paying feature's stand-in: charging and memorial will call payments the same way.
  createPaymentOrder: defineOperation({
    id: 'test.createPaymentOrder',
    method: 'POST',
    path: '/api/test/payment-orders',
    summary: 'Creates a payment order for a test subject, payer the caller',
    access: 'resident',
    status: 201,
    body: z.strictObject({
      subjectId: z.string().min(1).max(50),
      scope: z.string().min(1).max(100),
      items: z
        .array(z.strictObject({ name: z.string().min(1).max(50), amountFen }))
        .min(1)
        .max(20),
      expiresInMinutes: z.int().min(1).max(1440),
      wechatOpenId: z.string().max(64).optional(),
    }),
    response: z.strictObject({ id: objectId }),
  }),
  refundPaymentOrder: defineOperation({
    id: 'test.refundPaymentOrder',
    method: 'POST',
    path: '/api/test/payment-orders/:id/refund',
    summary: 'Refunds part or all of a paid order, as a feature would when it cancels a service',
    access: 'staff',
    params: z.strictObject({ id: objectId }),
    body: z.strictObject({ amountFen, reason: z.string().min(1).max(80) }),
    response: z.strictObject({ status: z.string(), refundedFen: amountFen }),
  }),
} as const;

export const testOperations = Object.values(testApi);

/** Lets a test hold a handler mid-request and release it. */
export class Gate {
  private waiting: (() => void)[] = [];
  private entered: (() => void)[] = [];
  closed = false;
  /** Resolves when a handler has reached the gate. */
  reached(): Promise<void> {
    return new Promise((resolve) => this.entered.push(resolve));
  }
  async pass(): Promise<void> {
    for (const resolve of this.entered.splice(0)) resolve();
    if (!this.closed) return;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  open(): void {
    this.closed = false;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

export function testRoutes(gate = new Gate()) {
  return implement(testApi, {
    slow: async () => {
      await gate.pass();
      return { done: true };
    },
    createNote: async ({ body, user, deps, ctx }) => {
      await gate.pass();
      if (body.text === 'fail') throw problem('NOT_FOUND');
      const { insertedId } = await deps.connection.collection('test_notes').insertOne({ ...body, owner: user.id });
      // A second step failing after the first write, as a crash between two writes would.
      if (body.text === 'written-then-failed') throw new Error('second write failed');
      ctx.set('Location', `/api/test/notes/${insertedId.toHexString()}`);
      return { id: insertedId.toHexString(), text: body.text };
    },
    renameNote: () => ({ ok: true }),
    fail: async ({ params, deps }) => {
      switch (params.kind) {
        case 'app':
          throw problem('NOT_FOUND', 'No such note.');
        case 'plain':
          throw new Error('internal detail: /srv/warmcity/secret.ts line 42');
        case 'driver':
          await deps.connection.collection('test_notes').insertOne({ _id: 'x' as never });
          await deps.connection.collection('test_notes').insertOne({ _id: 'x' as never });
          throw new Error('unreachable');
        case 'mongoose':
          throw new mongoose.Error.ValidationError();
        case 'leaky-shape':
          return { ok: true, passwordHash: 'secret' } as { ok: true };
        case 'secret-message':
          throw new Error('lookup failed for 330102199001011234 and 13800138000');
      }
    },
    countNotes: async ({ deps }) => ({ count: await deps.connection.collection('test_notes').countDocuments() }),
    whoAmI: ({ user }) => ({ userId: user?.id ?? null }),
    adminOnly: () => ({ ok: true }),
    createPaymentOrder: async ({ body, user, deps }) => {
      const order = await createOrder(deps, {
        payer: { id: user.id, ...(body.wechatOpenId ? { wechatOpenId: body.wechatOpenId } : {}) },
        amountFen: body.items.reduce((sum, item) => sum + item.amountFen, 0),
        description: body.items.map((item) => item.name).join('、'),
        items: body.items,
        subject: { feature: 'test', kind: 'service', id: body.subjectId },
        scope: body.scope,
        expiresAt: new Date(deps.clock.now().getTime() + body.expiresInMinutes * 60_000),
      });
      return { id: order._id.toHexString() };
    },
    refundPaymentOrder: async ({ params, body, deps }) => {
      const order = await refundOrder(deps, { orderId: params.id, amountFen: body.amountFen, reason: body.reason });
      return { status: order.status, refundedFen: order.refundedFen };
    },
  });
}
