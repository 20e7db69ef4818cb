// An interpreter for MongoDB's "unified test format" (schema 1.x), limited to what the CRUD
// vectors use: client/database/collection entities, initialData, collection and database
// operations, expectResult/expectError, expectEvents (command monitoring) and outcome.
// It drives the official driver only, so the same run works against devdb or a real mongod.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BulkWriteResult,
  Collection,
  BSON,
  Db,
  MongoBulkWriteError,
  MongoClient,
  MongoError,
  MongoServerError,
  ReadPreference,
  type CommandFailedEvent,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Document,
} from 'mongodb';

import { match, matchExactly, matchRootDocuments, MatchError, type MatchContext } from './unified-match.js';

const { EJSON } = BSON;

export interface SpecFile {
  file: string;
  description: string;
  schemaVersion: string;
  runOnRequirements?: Document[];
  createEntities?: Document[];
  initialData?: CollectionData[];
  tests: SpecTest[];
}

export interface SpecTest {
  description: string;
  runOnRequirements?: Document[];
  skipReason?: string;
  operations: Operation[];
  expectEvents?: Document[];
  outcome?: CollectionData[];
}

interface CollectionData {
  collectionName: string;
  databaseName: string;
  createOptions?: Document;
  documents: Document[];
}

interface Operation {
  name: string;
  object: string;
  arguments?: Document;
  expectResult?: unknown;
  expectError?: Document;
  ignoreResultAndError?: boolean;
  saveResultAsEntity?: string;
}

export interface ServerInfo {
  version: string;
  topology: 'single' | 'replicaset' | 'sharded' | 'load-balanced';
  serverless: boolean;
  auth: boolean;
}

const SUPPORTED_SCHEMA = [1, 21];

export function loadSpecFiles(dir: string): SpecFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      file: name,
      ...(EJSON.parse(readFileSync(join(dir, name), 'utf8'), { relaxed: true }) as Omit<SpecFile, 'file'>),
    }));
}

export async function describeServer(client: MongoClient, uri: string): Promise<ServerInfo> {
  const admin = client.db('admin');
  const hello = await admin.command({ hello: 1 });
  const buildInfo = await admin.command({ buildInfo: 1 });
  const topology: ServerInfo['topology'] = hello.serviceId
    ? 'load-balanced'
    : hello.msg === 'isdbgrid'
      ? 'sharded'
      : hello.setName
        ? 'replicaset'
        : 'single';
  return {
    version: String(buildInfo.version),
    topology,
    serverless: false,
    auth: /^mongodb(\+srv)?:\/\/[^/@]+@/.test(uri),
  };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Why one runOnRequirement is not met by this server, or undefined when it is. */
function unmetRequirement(req: Document, server: ServerInfo): string | undefined {
  for (const [key, value] of Object.entries(req)) {
    switch (key) {
      case 'minServerVersion':
        if (compareVersions(server.version, value) < 0) return `server version: needs MongoDB >= ${value}`;
        break;
      case 'maxServerVersion':
        if (compareVersions(server.version, value) > 0) return `server version: needs MongoDB <= ${value}`;
        break;
      case 'topologies': {
        const accepted = (value as string[]).map((t) => (t === 'sharded-replicaset' ? 'sharded' : t));
        if (!accepted.includes(server.topology)) return `topology: needs ${(value as string[]).join('/')}`;
        break;
      }
      case 'serverless':
        if ((value === 'require') !== server.serverless && value !== 'allow') return `serverless: ${value}`;
        break;
      case 'auth':
        if (value !== server.auth) return `auth: needs auth=${String(value)}`;
        break;
      case 'csfle':
        if (value) return 'csfle: needs client-side encryption';
        break;
      default:
        return `requirement ${key} not supported by this runner`;
    }
  }
  return undefined;
}

function unmetRequirements(reqs: Document[] | undefined, server: ServerInfo): string | undefined {
  if (!reqs || reqs.length === 0) return undefined;
  const reasons = reqs.map((r) => unmetRequirement(r, server));
  return reasons.includes(undefined) ? undefined : reasons[0];
}

const COLLECTION_OPERATIONS = new Set([
  'aggregate',
  'bulkWrite',
  'count',
  'countDocuments',
  'createIndex',
  'deleteMany',
  'deleteOne',
  'distinct',
  'estimatedDocumentCount',
  'find',
  'findOne',
  'findOneAndDelete',
  'findOneAndReplace',
  'findOneAndUpdate',
  'insertMany',
  'insertOne',
  'replaceOne',
  'updateMany',
  'updateOne',
]);
const DATABASE_OPERATIONS = new Set(['aggregate', 'createCollection', 'dropCollection', 'modifyCollection']);

/** Vectors whose expectations the Node driver itself does not meet, on any server. */
const DRIVER_DEVIATIONS: Record<string, string> = {
  'inserting _id with type null via insertOne':
    'driver: the Node driver replaces a null _id with an ObjectId (NODE-6468)',
  'inserting _id with type null via insertMany':
    'driver: the Node driver replaces a null _id with an ObjectId (NODE-6468)',
  'inserting _id with type null via bulkWrite':
    'driver: the Node driver replaces a null _id with an ObjectId (NODE-6468)',
  'InsertMany passes bypassDocumentValidation: false':
    'driver: the Node driver omits bypassDocumentValidation: false (NODE-6484)',
  'FindOneAndUpdate passes bypassDocumentValidation: false':
    'driver: the Node driver omits bypassDocumentValidation: false (NODE-6484)',
  'FindOneAndReplace passes bypassDocumentValidation: false':
    'driver: the Node driver omits bypassDocumentValidation: false (NODE-6484)',
  'BulkWrite passes bypassDocumentValidation: false':
    'driver: the Node driver omits bypassDocumentValidation: false (NODE-6484)',
  'Aggregate with $out passes bypassDocumentValidation: false':
    'driver: the Node driver omits bypassDocumentValidation: false (NODE-6484)',
};

/**
 * Returns why a test cannot run here, or undefined when it is applicable. The reason starts
 * with a short category ("server version:", "fail points:", ...) used in the summary line.
 */
export function skipReason(file: SpecFile, test: SpecTest, server: ServerInfo): string | undefined {
  const [major, minor] = file.schemaVersion.split('.').map(Number) as [number, number];
  if (major !== SUPPORTED_SCHEMA[0] || minor > SUPPORTED_SCHEMA[1]!)
    return `schema: version ${file.schemaVersion} unsupported`;
  if (test.skipReason) return `spec: ${test.skipReason}`;
  const unmet = unmetRequirements(file.runOnRequirements, server) ?? unmetRequirements(test.runOnRequirements, server);
  if (unmet) return unmet;
  if (DRIVER_DEVIATIONS[test.description]) return DRIVER_DEVIATIONS[test.description];
  for (const entity of file.createEntities ?? []) {
    const [kind] = Object.keys(entity) as [string];
    if (!['client', 'database', 'collection'].includes(kind)) return `entities: ${kind} entities are not supported`;
  }
  const objects = new Map(
    (file.createEntities ?? []).map((e) => {
      const [kind] = Object.keys(e) as [string];
      return [(e[kind] as Document).id as string, kind] as const;
    }),
  );
  for (const op of test.operations) {
    if (op.object === 'testRunner') {
      return op.name === 'failPoint' || op.name === 'targetedFailPoint'
        ? 'fail points: needs configureFailPoint (a mongod test command)'
        : `runner: special operation ${op.name}`;
    }
    if (op.arguments?.session) return 'sessions: needs session entities';
    const kind = objects.get(op.object);
    if (kind === 'client' && op.name === 'clientBulkWrite')
      return 'client bulkWrite: needs the MongoDB 8.0 bulkWrite command';
    const known = kind === 'collection' ? COLLECTION_OPERATIONS : kind === 'database' ? DATABASE_OPERATIONS : undefined;
    if (!known?.has(op.name)) return `runner: operation ${kind ?? '?'}.${op.name} not implemented`;
  }
  for (const expected of test.expectEvents ?? []) {
    if ((expected.eventType ?? 'command') !== 'command')
      return `events: ${String(expected.eventType)} events are not observed`;
  }
  return undefined;
}

type CommandEvent = CommandStartedEvent | CommandSucceededEvent | CommandFailedEvent;
const EVENT_KIND: Record<string, string> = {
  commandStarted: 'commandStartedEvent',
  commandSucceeded: 'commandSucceededEvent',
  commandFailed: 'commandFailedEvent',
};
// Handshake and auth commands carry credentials; the unified format never asserts them.
const SENSITIVE = new Set([
  'authenticate',
  'saslStart',
  'saslContinue',
  'getnonce',
  'createUser',
  'updateUser',
  'copydbgetnonce',
  'copydbsaslstart',
  'copydb',
  'hello',
  'ismaster',
  'isMaster',
]);

interface ClientEntity {
  client: MongoClient;
  events: { kind: string; event: CommandEvent }[];
  observing: boolean;
}

function readPreference(value: Document | undefined): ReadPreference | undefined {
  if (!value) return undefined;
  return new ReadPreference(
    value.mode,
    value.tagSets,
    value.maxStalenessSeconds === undefined ? undefined : { maxStalenessSeconds: value.maxStalenessSeconds },
  );
}

function scopeOptions(options: Document | undefined): Document {
  if (!options) return {};
  const { readPreference: rp, ...rest } = options;
  return rp ? { ...rest, readPreference: readPreference(rp) } : rest;
}

class Entities implements MatchContext {
  private readonly map = new Map<string, unknown>();
  readonly clients: ClientEntity[] = [];

  constructor(private readonly uri: string) {}

  async create(definitions: Document[]): Promise<void> {
    for (const definition of definitions) {
      const [kind] = Object.keys(definition) as [string];
      const spec = definition[kind] as Document;
      if (this.map.has(spec.id)) throw new Error(`duplicate entity ${spec.id}`);
      if (kind === 'client') this.map.set(spec.id, await this.createClient(spec));
      else if (kind === 'database') {
        this.map.set(
          spec.id,
          this.client(spec.client).client.db(spec.databaseName, scopeOptions(spec.databaseOptions)),
        );
      } else if (kind === 'collection') {
        this.map.set(
          spec.id,
          this.get(spec.database, Db).collection(spec.collectionName, scopeOptions(spec.collectionOptions)),
        );
      } else throw new Error(`unsupported entity type ${kind}`);
    }
  }

  private async createClient(spec: Document): Promise<ClientEntity> {
    const client = new MongoClient(this.uri, {
      monitorCommands: true,
      serverSelectionTimeoutMS: 5000,
      ...(spec.uriOptions as Document),
    });
    const entity: ClientEntity = { client, events: [], observing: true };
    const observed = new Set<string>((spec.observeEvents as string[] | undefined) ?? []);
    const ignored = new Set<string>((spec.ignoreCommandMonitoringEvents as string[] | undefined) ?? []);
    for (const [driverName, kind] of Object.entries(EVENT_KIND)) {
      if (!observed.has(kind)) continue;
      client.on(driverName as 'commandStarted', (event: CommandEvent) => {
        if (!entity.observing || ignored.has(event.commandName) || SENSITIVE.has(event.commandName)) return;
        if (event.commandName === 'configureFailPoint') return;
        entity.events.push({ kind, event });
      });
    }
    await client.connect();
    this.clients.push(entity);
    return entity;
  }

  get<T>(name: string, type: abstract new (...args: never[]) => T): T {
    const value = this.map.get(name);
    if (!(value instanceof type)) throw new Error(`entity ${name} is not a ${type.name}`);
    return value;
  }

  client(name: string): ClientEntity {
    const value = this.map.get(name) as ClientEntity | undefined;
    if (!value || !(value.client instanceof MongoClient)) throw new Error(`entity ${name} is not a client`);
    return value;
  }

  entity(name: string): unknown {
    if (!this.map.has(name)) throw new Error(`no entity ${name}`);
    return this.map.get(name);
  }

  save(name: string, value: unknown): void {
    if (this.map.has(name)) throw new Error(`duplicate entity ${name}`);
    this.map.set(name, value);
  }

  async close(): Promise<void> {
    for (const entity of this.clients) entity.observing = false;
    await Promise.all(this.clients.map((entity) => entity.client.close()));
  }
}

function bulkWriteResult(result: BulkWriteResult): Document {
  return {
    insertedCount: result.insertedCount,
    matchedCount: result.matchedCount,
    modifiedCount: result.modifiedCount,
    deletedCount: result.deletedCount,
    upsertedCount: result.upsertedCount,
    insertedIds: result.insertedIds,
    upsertedIds: result.upsertedIds,
  };
}

// The format spells enum options in CRUD-spec case ("After"); the Node driver wants "after".
function driverOptions(args: Document): Document {
  const { returnDocument, ...rest } = args;
  return returnDocument === undefined ? rest : { ...rest, returnDocument: String(returnDocument).toLowerCase() };
}

type ResultShape = 'value' | 'document' | 'documents';

async function runOperation(op: Operation, entities: Entities): Promise<{ result: unknown; shape: ResultShape }> {
  const args = driverOptions(op.arguments ?? {});
  const target = entities.entity(op.object);
  if (target instanceof Db) {
    const db = target;
    switch (op.name) {
      case 'aggregate': {
        const { pipeline, ...options } = args;
        return { result: await db.aggregate(pipeline, options).toArray(), shape: 'documents' };
      }
      case 'createCollection': {
        const { collection, ...options } = args;
        await db.createCollection(collection, options);
        return { result: undefined, shape: 'value' };
      }
      case 'dropCollection': {
        const { collection, ...options } = args;
        return { result: await db.dropCollection(collection, options), shape: 'value' };
      }
      case 'modifyCollection': {
        const { collection, ...options } = args;
        return { result: await db.command({ collMod: collection, ...options }), shape: 'document' };
      }
    }
  }
  const coll = entities.get(op.object, Collection);
  const { filter, update, replacement, document, documents, requests, pipeline, fieldName, keys, ...options } = args;
  switch (op.name) {
    case 'aggregate':
      return { result: await coll.aggregate(pipeline, options).toArray(), shape: 'documents' };
    case 'bulkWrite':
      return { result: bulkWriteResult(await coll.bulkWrite(requests, options)), shape: 'document' };
    case 'count':
      return { result: await coll.count(filter, options), shape: 'value' };
    case 'countDocuments':
      return { result: await coll.countDocuments(filter, options), shape: 'value' };
    case 'createIndex':
      return { result: await coll.createIndex(keys, options), shape: 'value' };
    case 'deleteMany':
      return { result: await coll.deleteMany(filter, options), shape: 'document' };
    case 'deleteOne':
      return { result: await coll.deleteOne(filter, options), shape: 'document' };
    case 'distinct':
      return { result: await coll.distinct(fieldName, filter, options), shape: 'value' };
    case 'estimatedDocumentCount':
      return { result: await coll.estimatedDocumentCount(options), shape: 'value' };
    case 'find':
      return { result: await coll.find(filter, options).toArray(), shape: 'documents' };
    case 'findOne':
      return { result: await coll.findOne(filter, options), shape: 'document' };
    case 'findOneAndDelete':
      return { result: await coll.findOneAndDelete(filter, options), shape: 'document' };
    case 'findOneAndReplace':
      return { result: await coll.findOneAndReplace(filter, replacement, options), shape: 'document' };
    case 'findOneAndUpdate':
      return { result: await coll.findOneAndUpdate(filter, update, options), shape: 'document' };
    case 'insertMany':
      return { result: await coll.insertMany(documents, options), shape: 'document' };
    case 'insertOne':
      return { result: await coll.insertOne(document, options), shape: 'document' };
    case 'replaceOne':
      return { result: await coll.replaceOne(filter, replacement, options), shape: 'document' };
    case 'updateMany':
      return { result: await coll.updateMany(filter, update, options), shape: 'document' };
    case 'updateOne':
      return { result: await coll.updateOne(filter, update, options), shape: 'document' };
    default:
      throw new Error(`unsupported operation ${op.name}`);
  }
}

function checkResult(expected: unknown, result: unknown, shape: ResultShape, path: string, ctx: MatchContext): void {
  if (shape === 'documents') matchRootDocuments(expected, result as unknown[], path, ctx);
  else match(expected, result, shape === 'document', path, ctx);
}

function checkError(expected: Document, error: unknown, path: string, ctx: MatchContext): void {
  if (!(error instanceof Error)) throw new MatchError(`${path}: expected an Error, got ${String(error)}`);
  const serverError = error instanceof MongoServerError;
  const what = `${error.constructor.name}: ${error.message}`;
  if (expected.isClientError === true && serverError)
    throw new MatchError(`${path}: expected a client error, got ${what}`);
  if (expected.isClientError === false && !serverError)
    throw new MatchError(`${path}: expected a server error, got ${what}`);
  if (
    expected.errorContains !== undefined &&
    !error.message.toLowerCase().includes(String(expected.errorContains).toLowerCase())
  ) {
    throw new MatchError(`${path}: expected the message to contain "${expected.errorContains}", got ${what}`);
  }
  const e = error as MongoServerError;
  if (expected.errorCode !== undefined && e.code !== expected.errorCode) {
    throw new MatchError(`${path}: expected code ${expected.errorCode}, got ${String(e.code)} (${what})`);
  }
  if (expected.errorCodeName !== undefined && e.codeName !== expected.errorCodeName) {
    throw new MatchError(`${path}: expected codeName ${expected.errorCodeName}, got ${String(e.codeName)} (${what})`);
  }
  for (const label of (expected.errorLabelsContain as string[] | undefined) ?? []) {
    if (!(error instanceof MongoError) || !error.hasErrorLabel(label))
      throw new MatchError(`${path}: expected label ${label} (${what})`);
  }
  for (const label of (expected.errorLabelsOmit as string[] | undefined) ?? []) {
    if (error instanceof MongoError && error.hasErrorLabel(label))
      throw new MatchError(`${path}: unexpected label ${label}`);
  }
  if (expected.errorResponse !== undefined) {
    match(expected.errorResponse, serverError ? e.errorResponse : undefined, true, `${path}.errorResponse`, ctx);
  }
  if (expected.expectResult !== undefined) {
    const partial = error instanceof MongoBulkWriteError ? bulkWriteResult(error.result) : undefined;
    match(expected.expectResult, partial, true, `${path}.expectResult`, ctx);
  }
  for (const key of ['writeErrors', 'writeConcernErrors', 'isTimeoutError']) {
    if (expected[key] !== undefined) throw new Error(`expectError.${key} is not supported by this runner`);
  }
}

async function executeOperation(op: Operation, index: number, entities: Entities): Promise<void> {
  const path = `operations[${index}] ${op.object}.${op.name}`;
  let outcome: { result: unknown; shape: ResultShape };
  try {
    outcome = await runOperation(op, entities);
  } catch (error) {
    if (op.ignoreResultAndError) return;
    if (!op.expectError) {
      throw new MatchError(
        `${path}: unexpected error ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)}`,
      );
    }
    checkError(op.expectError, error, `${path}.expectError`, entities);
    return;
  }
  if (op.ignoreResultAndError) return;
  if (op.expectError)
    throw new MatchError(`${path}: expected an error, got result ${EJSON.stringify(outcome.result as Document)}`);
  if (op.expectResult !== undefined)
    checkResult(op.expectResult, outcome.result, outcome.shape, `${path}.expectResult`, entities);
  if (op.saveResultAsEntity) entities.save(op.saveResultAsEntity, outcome.result);
}

function checkEvents(expectations: Document[], entities: Entities): void {
  for (const expected of expectations) {
    const actual = entities.client(expected.client).events;
    const events = expected.events as Document[];
    const names = () => actual.map((a) => `${a.kind}(${a.event.commandName})`).join(', ');
    if (expected.ignoreExtraEvents ? actual.length < events.length : actual.length !== events.length) {
      throw new MatchError(
        `expectEvents[${expected.client}]: expected ${events.length} events, got ${actual.length}: ${names()}`,
      );
    }
    events.forEach((want, i) => {
      const [kind] = Object.keys(want) as [string];
      const got = actual[i]!;
      const path = `expectEvents[${expected.client}][${i}].${kind}`;
      if (got.kind !== kind)
        throw new MatchError(`${path}: got ${got.kind}(${got.event.commandName}); all: ${names()}`);
      const spec = want[kind] as Document;
      if (spec.commandName !== undefined && spec.commandName !== got.event.commandName) {
        throw new MatchError(`${path}.commandName: expected ${spec.commandName}, got ${got.event.commandName}`);
      }
      if (spec.databaseName !== undefined && spec.databaseName !== (got.event as CommandStartedEvent).databaseName) {
        throw new MatchError(
          `${path}.databaseName: expected ${spec.databaseName}, got ${(got.event as CommandStartedEvent).databaseName}`,
        );
      }
      if (spec.command !== undefined)
        match(spec.command, (got.event as CommandStartedEvent).command, true, `${path}.command`, entities);
      if (spec.reply !== undefined)
        match(spec.reply, (got.event as CommandSucceededEvent).reply, true, `${path}.reply`, entities);
    });
  }
}

async function setUpCollections(internal: MongoClient, data: CollectionData[]): Promise<void> {
  for (const { databaseName, collectionName, createOptions, documents } of data) {
    const db = internal.db(databaseName);
    await db.dropCollection(collectionName, { writeConcern: { w: 'majority' } }).catch((error: unknown) => {
      if (!(error instanceof MongoServerError && error.code === 26)) throw error;
    });
    if (createOptions || documents.length === 0) {
      await db.createCollection(collectionName, { ...createOptions, writeConcern: { w: 'majority' } });
    }
    if (documents.length > 0)
      await db.collection(collectionName).insertMany(documents, { writeConcern: { w: 'majority' } });
  }
}

async function checkOutcome(internal: MongoClient, outcome: CollectionData[]): Promise<void> {
  for (const { databaseName, collectionName, documents } of outcome) {
    const actual = await internal
      .db(databaseName)
      .collection(collectionName)
      .find({}, { sort: { _id: 1 }, readPreference: 'primary', readConcern: { level: 'local' } })
      .toArray();
    matchExactly(documents, actual, `outcome ${databaseName}.${collectionName}`);
  }
}

/** Runs one applicable test; throws MatchError (or the driver's error) when it fails. */
export async function runTest(file: SpecFile, test: SpecTest, uri: string, internal: MongoClient): Promise<void> {
  await setUpCollections(internal, file.initialData ?? []);
  const entities = new Entities(uri);
  try {
    await entities.create(file.createEntities ?? []);
    for (const [index, op] of test.operations.entries()) await executeOperation(op, index, entities);
    for (const entity of entities.clients) entity.observing = false;
    checkEvents(test.expectEvents ?? [], entities);
  } finally {
    await entities.close();
  }
  await checkOutcome(internal, test.outcome ?? []);
}
