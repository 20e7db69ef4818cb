import { Types, type Connection, type Model } from 'mongoose';
import { maskIdNumber, maskName } from '@warmcity/shared/personal-data/masking';
import type { Config } from '../../config';
import type { Clock } from '../../platform/deps';
import {
  InsuredPersons,
  REGISTRY_ID_NUMBER_CONTEXT,
  REGISTRY_NAME_CONTEXT,
} from '../../platform/personal-data/insured-person.model';
import { dataProtection } from '../../platform/personal-data/protection';
import { ChronicEligibilities } from './chronic.model';
import { Contributions } from './contribution.model';
import { Faqs } from './faq.model';
import { termsOf } from './faq-terms';
import type { ImportKind, ImportRow } from './import-rows';
import { MaternityCases } from './maternity-case.model';
import { tellMaternityStages } from './maternity-notices';
import { RemoteCareFilings } from './remote-care.model';
import { ServiceHalls, type ServiceHall } from './service-hall.model';

export interface NumberedRow<K extends ImportKind> {
  readonly line: number;
  readonly row: ImportRow<K>;
}

export interface BatchOutcome {
  /** Documents created, and changed: a re-run of the same rows makes both zero. */
  upserted: number;
  modified: number;
  errors: { line: number; reason: string }[];
}

export interface Store {
  readonly connection: Connection;
  /** What "now" is for the notices an import sends; the system clock unless a test injects one. */
  readonly clock?: Clock;
  readonly config: Pick<Config, 'DATA_KEY' | 'DATA_KEY_ID' | 'DATA_KEYS_RETIRED'>;
}

async function bulk<T>(model: Model<T>, ops: Parameters<Model<T>['bulkWrite']>[0]) {
  if (ops.length === 0) return { upserted: 0, modified: 0 };
  // Ordered: two rows for the same key in one batch apply one after the other, the later winning.
  const result = await model.bulkWrite(ops, { ordered: true });
  return { upserted: result.upsertedCount, modified: result.modifiedCount };
}

/**
 * Persons are upserted on the lookup key. The ciphertexts are written only when the person is
 * new: encryption is randomised, so rewriting them would change the document on every re-run.
 */
async function writePersons({ connection, config }: Store, rows: NumberedRow<'persons'>[]): Promise<BatchOutcome> {
  const protection = dataProtection(config);
  const ops = rows.map(({ row }) => ({
    updateOne: {
      filter: { lookupKey: protection.lookupKey(row.idNumber) },
      update: {
        $set: {
          maskedName: maskName(row.name),
          maskedIdNumber: maskIdNumber(row.idNumber),
          insuranceType: row.insuranceType,
          status: row.status,
          region: row.region,
          since: row.since,
        },
        $setOnInsert: {
          nameCipher: protection.encrypt(row.name, REGISTRY_NAME_CONTEXT),
          idNumberCipher: protection.encrypt(row.idNumber, REGISTRY_ID_NUMBER_CONTEXT),
        },
      },
      upsert: true,
    },
  }));
  return { ...(await bulk(InsuredPersons(connection), ops)), errors: [] };
}

/** The person each row names, by lookup key; rows naming nobody are errors of their own line. */
async function resolvePersons<K extends ImportKind>({ connection, config }: Store, rows: NumberedRow<K>[]) {
  const protection = dataProtection(config);
  const keys = rows.map(({ row }) => protection.lookupKey(row.idNumber));
  const persons = await InsuredPersons(connection)
    .find({ lookupKey: { $in: [...new Set(keys)] } }, { lookupKey: 1 })
    .lean();
  const byKey = new Map(persons.map((p) => [p.lookupKey, p._id]));
  const found: { line: number; row: ImportRow<K>; personId: Types.ObjectId; lookupKey: string }[] = [];
  const errors: BatchOutcome['errors'] = [];
  rows.forEach((numbered, i) => {
    const personId = byKey.get(keys[i]!);
    if (personId) found.push({ ...numbered, personId, lookupKey: keys[i]! });
    else
      errors.push({ line: numbered.line, reason: 'no insured person with this identity number; import persons first' });
  });
  return { found, errors };
}

async function writeContributions(store: Store, rows: NumberedRow<'contributions'>[]): Promise<BatchOutcome> {
  const { found, errors } = await resolvePersons(store, rows);
  const ops = found.map(({ row, personId }) => ({
    updateOne: {
      filter: { personId, period: row.period },
      update: {
        $set: { baseFen: row.baseFen, employerFen: row.employerFen, personalFen: row.personalFen, status: row.status },
      },
      upsert: true,
    },
  }));
  return { ...(await bulk(Contributions(store.connection), ops)), errors };
}

async function writeMaternityStages(store: Store, rows: NumberedRow<'maternity-stages'>[]): Promise<BatchOutcome> {
  const { found, errors } = await resolvePersons(store, rows);
  const ops = found.map(({ row, personId }) => {
    // Facts a stage row leaves empty are not known yet, not erased.
    const facts = {
      ...(row.amountFen !== null && { amountFen: row.amountFen }),
      ...(row.days !== null && { days: row.days }),
      ...(row.rule !== null && { rule: row.rule }),
      ...(row.paidToKind !== null && {
        paidTo: { kind: row.paidToKind, maskedAccount: row.paidToMaskedAccount ?? '' },
      }),
    };
    return {
      updateOne: {
        filter: { caseNo: row.caseNo, personId },
        update: { $set: { [`stageAt.${row.stage}`]: new Date(row.at), ...facts } },
        upsert: true,
      },
    };
  });
  const written = await bulk(MaternityCases(store.connection), ops);
  await tellMaternityStages(store, found);
  return { ...written, errors };
}

/** Filings from the insurance system are the record, so the overlap rule of online applications
 * does not apply. Three steps per row, each a no-op on a re-run: make sure the person's document
 * exists, add the filing if absent, then replace it whole (one positional path). */
async function writeFilings(store: Store, rows: NumberedRow<'filings'>[]): Promise<BatchOutcome> {
  const { found, errors } = await resolvePersons(store, rows);
  const ops = found.flatMap(({ row, personId }) => {
    const filing = {
      _id: new Types.ObjectId(row.filingNo),
      destination: row.destination,
      kind: row.kind,
      validFrom: row.validFrom,
      validTo: row.validTo,
      filedAt: new Date(row.filedAt),
      cancelledAt: row.cancelledAt === null ? null : new Date(row.cancelledAt),
    };
    return [
      { updateOne: { filter: { personId }, update: { $setOnInsert: { filings: [] } }, upsert: true } },
      {
        updateOne: {
          filter: { personId, 'filings._id': { $ne: filing._id } },
          update: { $push: { filings: filing } },
        },
      },
      { updateOne: { filter: { personId, 'filings._id': filing._id }, update: { $set: { 'filings.$': filing } } } },
    ];
  });
  return { ...(await bulk(RemoteCareFilings(store.connection), ops)), errors };
}

/** One eligibility per person and disease: a renewal moves its date, a re-run changes nothing. */
async function writeChronic(store: Store, rows: NumberedRow<'chronic'>[]): Promise<BatchOutcome> {
  const { found, errors } = await resolvePersons(store, rows);
  const ops = found.map(({ row, personId }) => ({
    updateOne: {
      filter: { personId, disease: row.disease },
      update: { $set: { validUntil: row.validUntil } },
      upsert: true,
    },
  }));
  return { ...(await bulk(ChronicEligibilities(store.connection), ops)), errors };
}

export const writers: { [K in ImportKind]: (store: Store, rows: NumberedRow<K>[]) => Promise<BatchOutcome> } = {
  persons: writePersons,
  contributions: writeContributions,
  'maternity-stages': writeMaternityStages,
  filings: writeFilings,
  chronic: writeChronic,
};

export interface FaqInput {
  slug: string;
  question: string;
  answer: string;
  category: string;
  keywords: readonly string[];
}

/** Upserts the FAQ on its slug, keyed for search from the question, keywords and category (the
 * answer is left out: its incidental words would rank long answers above the right question). */
export async function upsertFaqs(connection: Connection, faqs: readonly FaqInput[]) {
  const ops = faqs.map((faq) => ({
    updateOne: {
      filter: { slug: faq.slug },
      update: {
        $set: {
          question: faq.question,
          answer: faq.answer,
          category: faq.category,
          keywords: [...faq.keywords],
          terms: [...new Set([faq.question, faq.category, ...faq.keywords].flatMap(termsOf))],
        },
      },
      upsert: true,
    },
  }));
  return bulk(Faqs(connection), ops);
}

/** A hall; a fixed `_id` lets seeded staff scopes name it (`service-hall:<id>`). */
export type HallInput = Omit<ServiceHall, '_id'> & { _id?: string };

export async function upsertHalls(connection: Connection, halls: readonly HallInput[]) {
  const ops = halls.map(({ slug, _id, ...hall }) => ({
    updateOne: {
      filter: { slug },
      update: { $set: hall, ...(_id && { $setOnInsert: { _id: new Types.ObjectId(_id) } }) },
      upsert: true,
    },
  }));
  return bulk(ServiceHalls(connection), ops);
}
