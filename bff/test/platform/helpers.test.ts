import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { afterCursor, decodeCursor, encodeCursor } from '../../src/platform/cursor';
import { accountIdOf, oid } from '../../src/platform/ids';
import { AppError } from '../../src/platform/problem';
import { hasScope, requireScope, requireStaff, scopeIds } from '../../src/platform/scopes';
import type { SessionUser } from '../../src/platform/session';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not a problem';
  }
  return 'no error';
};

const school = new Types.ObjectId().toHexString();
const staff: SessionUser = { id: new Types.ObjectId().toHexString(), roles: ['staff'], scopes: [`school:${school}`] };
const admin: SessionUser = { id: new Types.ObjectId().toHexString(), roles: ['admin'], scopes: [] };
const resident: SessionUser = { id: 'not-an-object-id', roles: ['resident'], scopes: [] };

describe('platform helpers', () => {
  it('oid: a malformed id answers like a missing object', () => {
    expect(oid(school).toHexString()).toBe(school);
    expect(codeOf(() => oid('nope'))).toBe('NOT_FOUND');
    expect(codeOf(() => oid(school.toUpperCase()))).toBe('NOT_FOUND');
  });

  it('accountIdOf: only an ObjectId subject owns anything', () => {
    expect(accountIdOf(staff).toHexString()).toBe(staff.id);
    expect(codeOf(() => accountIdOf(resident))).toBe('UNAUTHENTICATED');
  });

  it('requireScope: staff of another object and residents get a 404; admins pass', () => {
    const other = new Types.ObjectId().toHexString();
    expect(codeOf(() => requireScope(staff, 'school', school))).toBe('no error');
    expect(codeOf(() => requireScope(admin, 'school', other))).toBe('no error');
    expect(codeOf(() => requireScope(staff, 'school', other))).toBe('NOT_FOUND');
    expect(codeOf(() => requireScope(staff, 'cemetery', school))).toBe('NOT_FOUND');
    expect(hasScope({ ...resident, scopes: [`school:${school}`] }, 'school', school)).toBe(false);
    expect(scopeIds(staff, 'school')).toEqual([school]);
    expect(codeOf(() => requireStaff(resident))).toBe('FORBIDDEN');
  });

  it('cursors round-trip, refuse anything else with a 400 on query.cursor, and page both ways', () => {
    const at = new Date('2030-01-01T08:00:00Z');
    const id = new Types.ObjectId();
    const cursor = encodeCursor({ at, id });
    expect(decodeCursor(cursor)).toEqual({ at, id });
    expect(codeOf(() => decodeCursor('garbage'))).toBe('VALIDATION_FAILED');
    expect(afterCursor(undefined, 'startsAt')).toEqual({});
    expect(afterCursor(cursor, 'startsAt', -1)).toEqual({
      $or: [{ startsAt: { $lt: at } }, { startsAt: at, _id: { $lt: id } }],
    });
  });
});
