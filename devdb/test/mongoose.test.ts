import mongoose, { Schema, type Connection } from 'mongoose';
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useServer, withDatabase } from './helpers';

const server = useServer();
let conn: Connection;

const sessionSchema = new Schema({
  title: { type: String, required: true },
  capacity: { type: Number, required: true },
  booked: { type: Number, default: 0 },
  startsAt: { type: Date, required: true },
});
sessionSchema.index({ startsAt: 1 });

const bookingSchema = new Schema({
  session: { type: Schema.Types.ObjectId, ref: 'Session', required: true },
  person: { type: String, required: true },
  status: { type: String, enum: ['booked', 'waitlisted', 'cancelled'], required: true },
});
// One active booking per person and session; cancelled ones may repeat.
bookingSchema.index(
  { session: 1, person: 1 },
  { unique: true, partialFilterExpression: { status: { $in: ['booked', 'waitlisted'] } }, name: 'one_active_booking' },
);

const accountSchema = new Schema({
  phone: { type: String, required: true, unique: true },
  visits: Number,
  createdAt: Date,
});

beforeAll(async () => {
  conn = mongoose.createConnection(withDatabase(server.uri(), `mongoose_${Date.now()}`));
  await conn.asPromise();
  conn.model('Session', sessionSchema);
  conn.model('Booking', bookingSchema);
  conn.model('Account', accountSchema);
  for (const model of Object.values(conn.models)) await model.syncIndexes();
});

afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

describe('mongoose against devdb', () => {
  it('answers the readiness ping', async () => {
    expect(await conn.db!.admin().ping()).toEqual({ ok: 1 });
  });

  it('creates the schema indexes with syncIndexes and lists them back', async () => {
    const indexes = await conn.model('Booking').listIndexes();
    expect(indexes.map((i) => i.name).sort()).toEqual(['_id_', 'one_active_booking']);
    const partial = indexes.find((i) => i.name === 'one_active_booking')!;
    expect(partial.unique).toBe(true);
    expect(partial.partialFilterExpression).toEqual({ status: { $in: ['booked', 'waitlisted'] } });
    // A second sync finds nothing to change.
    expect(await conn.model('Booking').syncIndexes()).toEqual([]);
  });

  it('creates, sorts, paginates and counts', async () => {
    const Session = conn.model('Session');
    const base = Date.UTC(2025, 0, 1);
    await Session.create(
      Array.from({ length: 25 }, (_, i) => ({ title: `s${i}`, capacity: 10, startsAt: new Date(base + i * 3600_000) })),
    );
    const page2 = await Session.find({}).sort({ startsAt: -1 }).skip(10).limit(10).lean<Array<{ title: string }>>();
    expect(page2.map((s) => s.title)).toEqual(['s14', 's13', 's12', 's11', 's10', 's9', 's8', 's7', 's6', 's5']);
    expect(await Session.countDocuments({ startsAt: { $gte: new Date(base + 20 * 3600_000) } })).toBe(5);
  });

  it('populates references', async () => {
    const session = await conn.model('Session').create({ title: 'populate me', capacity: 2, startsAt: new Date() });
    await conn.model('Booking').create({ session: session._id, person: 'p-pop', status: 'booked' });
    const booking = await conn
      .model('Booking')
      .findOne({ person: 'p-pop' })
      .populate('session')
      .lean<{ session: { title: string } }>();
    expect(booking!.session.title).toBe('populate me');
  });

  it('keeps a capacity guard with findOneAndUpdate and $inc', async () => {
    const Session = conn.model('Session');
    const session = await Session.create({ title: 'guarded', capacity: 2, startsAt: new Date() });
    const take = () =>
      Session.findOneAndUpdate({ _id: session._id, booked: { $lt: 2 } }, { $inc: { booked: 1 } }, { new: true }).lean<{
        booked: number;
      }>();
    expect((await take())!.booked).toBe(1);
    expect((await take())!.booked).toBe(2);
    expect(await take()).toBeNull();
    expect((await Session.findById(session._id).lean<{ booked: number }>())!.booked).toBe(2);
  });

  it('upserts with $setOnInsert only on insert', async () => {
    const Account = conn.model('Account');
    const created = new Date('2025-01-01T00:00:00Z');
    const first = await Account.findOneAndUpdate(
      { phone: '13800000001' },
      { $inc: { visits: 1 }, $setOnInsert: { createdAt: created } },
      { upsert: true, new: true },
    ).lean<{ visits: number; createdAt: Date; phone: string }>();
    expect(first).toMatchObject({ phone: '13800000001', visits: 1, createdAt: created });
    const second = await Account.findOneAndUpdate(
      { phone: '13800000001' },
      { $inc: { visits: 1 }, $setOnInsert: { createdAt: new Date() } },
      { upsert: true, new: true },
    ).lean<{ visits: number; createdAt: Date }>();
    expect(second).toMatchObject({ visits: 2, createdAt: created });
    const res = await Account.updateOne({ phone: '13800000002' }, { $setOnInsert: { visits: 0 } }, { upsert: true });
    expect(res.upsertedCount).toBe(1);
    expect(await Account.countDocuments({ phone: '13800000002', visits: 0 })).toBe(1);
  });

  describe('duplicate keys from every write path carry keyPattern and keyValue', () => {
    const phone = '13900000000';
    const dupMessage = (db: string) =>
      `E11000 duplicate key error collection: ${db}.accounts index: phone_1 dup key: { phone: "${phone}" }`;
    beforeAll(async () => {
      await conn.model('Account').create({ phone });
    });

    it('insertOne (Model.create)', async () => {
      const err = await conn
        .model('Account')
        .create({ phone })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MongoServerError);
      expect(err).toMatchObject({
        code: 11000,
        keyPattern: { phone: 1 },
        keyValue: { phone },
        message: dupMessage(conn.name),
      });
    });

    it('insertMany → MongoBulkWriteError with the rest inserted when unordered', async () => {
      const err = await conn
        .model('Account')
        .insertMany([{ phone: '1' }, { phone }, { phone: '2' }], { ordered: false })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MongoBulkWriteError);
      const bulk = err as MongoBulkWriteError;
      expect(bulk.code).toBe(11000);
      expect(bulk.writeErrors).toHaveLength(1);
      const [writeError] = bulk.writeErrors as unknown as Array<{ index: number; code: number; errmsg: string }>;
      expect(writeError).toMatchObject({ index: 1, code: 11000, errmsg: dupMessage(conn.name) });
      expect(await conn.model('Account').countDocuments({ phone: { $in: ['1', '2'] } })).toBe(2);
    });

    it('updateOne with upsert', async () => {
      await conn.model('Account').create({ phone: '3' });
      const err = await conn
        .model('Account')
        .updateOne({ phone: '3' }, { $set: { phone } }, { upsert: true })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 11000, keyPattern: { phone: 1 }, keyValue: { phone } });
      expect(await conn.model('Account').countDocuments({ phone: '3' })).toBe(1);
    });

    it('findOneAndUpdate', async () => {
      const err = await conn
        .model('Account')
        .findOneAndUpdate({ phone: '3' }, { $set: { phone } })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MongoServerError);
      expect(err).toMatchObject({
        code: 11000,
        codeName: 'DuplicateKey',
        keyPattern: { phone: 1 },
        keyValue: { phone },
      });
    });

    it('bulkWrite', async () => {
      const err = await conn
        .model('Account')
        .bulkWrite([{ insertOne: { document: { phone: '4' } } }, { insertOne: { document: { phone } } }])
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MongoBulkWriteError);
      const bulk = err as MongoBulkWriteError;
      expect(bulk.result.insertedCount).toBe(1);
      expect(bulk.writeErrors).toHaveLength(1);
      expect((bulk.writeErrors as unknown as Array<unknown>)[0]).toMatchObject({
        index: 1,
        code: 11000,
        errmsg: dupMessage(conn.name),
      });
    });

    // The driver keeps only index/code/errmsg of a bulk write error, so read the server's reply itself.
    it('the raw insert reply has keyPattern and keyValue in writeErrors', async () => {
      const reply = await conn.db!.command({ insert: 'accounts', documents: [{ phone }] });
      expect(reply).toMatchObject({
        n: 0,
        ok: 1,
        writeErrors: [
          { index: 0, code: 11000, keyPattern: { phone: 1 }, keyValue: { phone }, errmsg: dupMessage(conn.name) },
        ],
      });
    });
  });

  it('enforces a partial unique index only on the statuses it names', async () => {
    const Booking = conn.model('Booking');
    const session = new mongoose.Types.ObjectId();
    await Booking.create({ session, person: 'p1', status: 'cancelled' });
    await Booking.create({ session, person: 'p1', status: 'cancelled' });
    await Booking.create({ session, person: 'p1', status: 'booked' });
    const err = await Booking.create({ session, person: 'p1', status: 'waitlisted' }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 11000,
      keyPattern: { session: 1, person: 1 },
      keyValue: { session, person: 'p1' },
    });
    await Booking.updateOne({ session, person: 'p1', status: 'booked' }, { $set: { status: 'cancelled' } });
    await Booking.create({ session, person: 'p1', status: 'waitlisted' });
    expect(await Booking.countDocuments({ session, person: 'p1' })).toBe(4);
  });

  it('runs the aggregation stages the app uses', async () => {
    const Session = conn.model('Session');
    const [facet] = await Session.aggregate([
      { $match: { capacity: 10 } },
      {
        $facet: {
          total: [{ $count: 'n' }],
          early: [{ $sort: { startsAt: 1 } }, { $limit: 2 }, { $project: { _id: 0, title: 1 } }],
        },
      },
    ]);
    expect(facet).toEqual({ total: [{ n: 25 }], early: [{ title: 's0' }, { title: 's1' }] });
    const grouped = await conn
      .model('Booking')
      .aggregate([{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
    expect(grouped).toEqual([
      { _id: 'booked', n: 1 },
      { _id: 'cancelled', n: 3 },
      { _id: 'waitlisted', n: 1 },
    ]);
    const joined = await conn
      .model('Booking')
      .aggregate([
        { $match: { person: 'p-pop' } },
        { $lookup: { from: 'sessions', localField: 'session', foreignField: '_id', as: 's' } },
        { $unwind: '$s' },
        { $project: { _id: 0, title: '$s.title' } },
      ]);
    expect(joined).toEqual([{ title: 'populate me' }]);
  });
});
