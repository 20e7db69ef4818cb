import type { Connection, Schema } from 'mongoose';

const registry: ((connection: Connection) => unknown)[] = [];

/**
 * Declares a model once at module level and binds it to whichever connection a service is given,
 * so tests can run several apps on several databases in one process and no code reaches for the
 * global mongoose connection. Binding twice returns the model already compiled on that connection.
 */
export function defineModel<TSchema extends Schema>(name: string, schema: TSchema, collection?: string) {
  // Look the model up first: given a collection name, `connection.model` compiles a fresh
  // subclass on every call and re-runs its index build, which costs milliseconds per query.
  const on = (connection: Connection) =>
    (connection.models[name] as ReturnType<typeof compile> | undefined) ?? compile(connection);
  const compile = (connection: Connection) => connection.model(name, schema, collection);
  registry.push(on);
  return on;
}

/** Binds every declared model to `connection`, so `connection.syncIndexes()` sees all of them. */
export function registerModels(connection: Connection): void {
  for (const on of registry) on(connection);
}
