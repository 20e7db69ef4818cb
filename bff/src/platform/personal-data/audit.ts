import { Schema, type Types, type Connection } from 'mongoose';
import { defineModel } from '../model';

/** One read or change of someone's sensitive data. The API only ever inserts these: there is
 * no route that edits or deletes them, and the model refuses updates and deletes outright. */
export interface AuditEntry {
  at: Date;
  /** The account that acted; null for the system (e.g. a sweeper). */
  actor: Types.ObjectId | null;
  /** Whose data it was: the account, and the person by lookup key and masked ID, which outlive
   * the account's deletion. */
  subjectAccount: Types.ObjectId | null;
  subjectLookupKey: string | null;
  subjectMaskedId: string | null;
  /** `feature.verb`, e.g. `identity.bind`, `insurance.read`. */
  action: string;
  /** Why a staff member looked (a code of the feature's list and their note); null otherwise. */
  purpose: { code: string; note: string } | null;
  /** The route template, never the concrete URL, so no value from a path or query lands here. */
  route: string;
  requestId: string | null;
}

const schema = new Schema<AuditEntry>(
  {
    at: { type: Date, required: true },
    actor: { type: Schema.Types.ObjectId, default: null },
    subjectAccount: { type: Schema.Types.ObjectId, default: null },
    subjectLookupKey: { type: String, default: null },
    subjectMaskedId: { type: String, default: null },
    action: { type: String, required: true },
    purpose: { type: new Schema({ code: String, note: String }, { _id: false, strict: 'throw' }), default: null },
    route: { type: String, required: true },
    requestId: { type: String, default: null },
  },
  { collection: 'audit_log', versionKey: false, strict: 'throw' },
);
// Pages are read newest first by _id, which follows `at` because entries are written as they happen.
schema.index({ subjectAccount: 1, _id: -1 });
schema.index({ actor: 1, _id: -1 });
schema.index({ action: 1, _id: -1 });

const refuse = () => {
  throw new Error('audit_log is append-only');
};
for (const op of [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const) {
  schema.pre(op, refuse);
}

export const AuditLog = defineModel('AuditEntry', schema);

/** Where in the API an audited access happened. */
export interface AuditSource {
  readonly route: string;
  readonly requestId: string | null;
}

export type AuditRecord = Omit<AuditEntry, 'at' | 'route' | 'requestId' | 'purpose'> &
  Partial<Pick<AuditEntry, 'purpose'>>;

export async function writeAudit(
  connection: Connection,
  record: AuditRecord,
  source: AuditSource,
  at: Date,
): Promise<void> {
  // One insert on the driver, not a mongoose document: reads of insurance data each write one,
  // and hydrating, validating and saving a document costs more than the read it records. The
  // record's type already holds what the schema checks; the model's hooks guard only changes.
  const entry: AuditEntry = {
    actor: record.actor,
    subjectAccount: record.subjectAccount,
    subjectLookupKey: record.subjectLookupKey,
    subjectMaskedId: record.subjectMaskedId,
    action: record.action,
    purpose: record.purpose ? { code: record.purpose.code, note: record.purpose.note } : null,
    route: source.route,
    requestId: source.requestId,
    at,
  };
  await AuditLog(connection).collection.insertOne(entry);
}
