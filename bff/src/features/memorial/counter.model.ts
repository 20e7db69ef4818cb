import { Schema, type Connection } from 'mongoose';
import { defineModel } from '../../platform/model';

/**
 * One shard of a total (`memorial:<id>` or `campaign:<id>`). Writers spread over the shards so
 * no single document serialises a Qingming morning; readers sum them. `applying` holds the ids
 * of tributes added but not yet marked counted: the guard that makes a retried add a no-op.
 */
export interface CounterShard {
  _id: string;
  key: string;
  flower: number;
  candle: number;
  incense: number;
  message: number;
  applying: string[];
}

const schema = new Schema<CounterShard>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    flower: { type: Number, default: 0 },
    candle: { type: Number, default: 0 },
    incense: { type: Number, default: 0 },
    message: { type: Number, default: 0 },
    applying: { type: [String], default: [] },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ key: 1 });

const collectionName = 'memorial_counters';
export const CounterShards = defineModel('MemorialCounterShard', schema, collectionName);

/** The same collection on the driver, typed: every tribute's adds go this way, since mongoose's
 * casting of an update it cannot improve costs a Qingming morning CPU. */
export const counterShardsOnDriver = (connection: Connection) =>
  connection.db!.collection<CounterShard>(collectionName);
