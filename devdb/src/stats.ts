/** Counters reported by serverStatus; tests and the benchmark read docsExamined/keysExamined to prove index use. */
export const stats = {
  startedAt: Date.now(),
  opcounters: { insert: 0, query: 0, update: 0, delete: 0, getmore: 0, command: 0 },
  docsExamined: 0,
  /** Documents sent back by find, getMore and aggregate (mongod's metrics.document.returned). */
  docsReturned: 0,
  keysExamined: 0,
  connections: { current: 0, totalCreated: 0 },
  ttlDeleted: 0,
};
