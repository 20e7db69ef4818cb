import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { api, defineOperation, objectId } from '@warmcity/shared';
import { implement, type HandlerInput } from '../src/platform/implement';
import type { SessionUser } from '../src/platform/session';

const feature = {
  book: defineOperation({
    id: 'demo.book',
    method: 'POST',
    path: '/api/demo/sessions/:id/bookings',
    summary: 'Book a seat',
    access: 'resident',
    idempotent: true,
    status: 201,
    params: z.strictObject({ id: objectId }),
    query: z.strictObject({ waitlist: z.enum(['yes', 'no']).default('yes') }),
    body: z.strictObject({ seats: z.number().int().min(1) }),
    response: z.strictObject({ bookingId: objectId, status: z.enum(['booked', 'waitlisted']) }),
  }),
  list: defineOperation({
    id: 'demo.list',
    method: 'GET',
    path: '/api/demo/sessions',
    summary: 'Public list, personalised when signed in',
    access: 'optional',
    response: z.strictObject({ items: z.array(z.string()) }),
  }),
} as const;

describe('implement()', () => {
  it('types each handler input from its declaration', () => {
    implement(feature, {
      book: (input) => {
        expectTypeOf(input.params).toEqualTypeOf<{ id: string }>();
        expectTypeOf(input.query).toEqualTypeOf<{ waitlist: 'yes' | 'no' }>();
        expectTypeOf(input.body).toEqualTypeOf<{ seats: number }>();
        expectTypeOf(input.user).toEqualTypeOf<SessionUser>();
        expectTypeOf(input.idempotencyKey).toEqualTypeOf<string>();
        return { bookingId: input.params.id, status: 'booked' };
      },
      list: ({ user, body, idempotencyKey }) => {
        expectTypeOf(user).toEqualTypeOf<SessionUser | null>();
        expectTypeOf(body).toEqualTypeOf<undefined>();
        expectTypeOf(idempotencyKey).toEqualTypeOf<undefined>();
        return { items: [] };
      },
    });
    expectTypeOf<HandlerInput<typeof api.system.health>['user']>().toEqualTypeOf<null>();
  });

  it('refuses a handler whose answer has the wrong shape', () => {
    implement(feature, {
      // @ts-expect-error: 'maybe' is not a declared status
      book: () => ({ bookingId: 'x', status: 'maybe' }),
      list: () => ({ items: [] }),
    });
    implement(feature, {
      book: async () => ({ bookingId: 'x', status: 'booked' as const }),
      // @ts-expect-error: items must be strings
      list: async () => ({ items: [1, 2] }),
    });
    implement(feature, {
      // @ts-expect-error: bookingId is missing
      book: () => ({ status: 'booked' }),
      list: () => ({ items: [] }),
    });
  });

  it('refuses a feature with a handler missing or one too many', () => {
    // @ts-expect-error: `list` has no handler
    implement(feature, { book: () => ({ bookingId: 'x', status: 'booked' }) });
    implement(feature, {
      book: () => ({ bookingId: 'x', status: 'booked' }),
      list: () => ({ items: [] }),
      // @ts-expect-error: `cancel` is not declared
      cancel: () => ({ ok: true }),
    });
  });

  it('refuses reading a body or a session an operation does not have', () => {
    implement(api.system, {
      // @ts-expect-error: a public operation has no user
      health: ({ user }) => ({ status: user.id === '' ? 'ok' : 'ok' }),
      ready: () => ({ status: 'ready' }),
      openapi: () => ({}),
      metrics: () => '',
    });
  });
});
