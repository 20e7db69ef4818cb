import { Context, evalExpr, ProcessingMode } from 'mingo/core';
import { Lazy } from 'mingo/lazy';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { Options } from 'mingo/types';
import { flatten, resolve } from 'mingo/util';
import {
  Rank,
  compareValues,
  numericType,
  rankOf,
  valuesEqual,
  type NumericType,
  type StringOrder,
} from '../bson/compare';
import { asType, widestType } from '../bson/numbers';
import { fail } from '../errors';
import { stringOrder } from './collation';
import { parsePoint, withinShape } from './geo';
import { bsonTypeName } from './types';
import { sortDocuments } from './sort';

// mingo's comparison operators use its own isEqual/compare: embedded documents compare by
// sorted keys, bson classes sort after everything and `$type: 'objectId'` never matches.
// These replacements keep mingo's path resolution and array semantics but use BSON order.

type Predicate = (lhs: unknown, rhs: unknown, depth: number, order?: StringOrder) => boolean;

const queryOp =
  (predicate: Predicate, check?: (rhs: unknown) => void) => (selector: string, value: unknown, options: Options) => {
    check?.(value);
    const depth = selector.split('.').length - 1;
    const order = stringOrder(options.collation);
    return (obj: unknown) =>
      predicate(resolve(obj as Parameters<typeof resolve>[0], selector, { unwrapArray: true }), value, depth, order);
  };

const eq: Predicate = (a, b, depth, order) => {
  if (valuesEqual(a, b, order)) return true;
  if (!Array.isArray(a)) return false;
  return (
    a.some((v) => valuesEqual(v, b, order)) || (depth > 0 && flatten(a, depth).some((v) => valuesEqual(v, b, order)))
  );
};

const regexMatches = (a: unknown, re: RegExp): boolean =>
  Array.isArray(a) ? a.some((v) => typeof v === 'string' && re.test(v)) : typeof a === 'string' && re.test(a);

const requireArray = (op: string) => (rhs: unknown) => {
  if (!Array.isArray(rhs)) fail(2, `${op} needs an array`);
};

const inArray: Predicate = (a, b, depth, order) =>
  (b as unknown[]).some((x) => (x instanceof RegExp ? regexMatches(a, x) : eq(a, x, depth, order)));

const range =
  (test: (c: number) => boolean): Predicate =>
  (a, b, _depth, order) => {
    const rb = rankOf(b);
    // MinKey/MaxKey bounds compare across types; everything else only within its own type bracket.
    const crossType = rb === Rank.MinKey || rb === Rank.MaxKey;
    const candidates = Array.isArray(a) ? [a, ...a] : [a];
    return candidates.some((v) => (crossType || rankOf(v) === rb) && test(compareValues(v, b, order)));
  };

const TYPE_ALIASES: Record<string | number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  14: 'symbol',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};
const NUMERIC = new Set(['double', 'int', 'long', 'decimal']);

const typeMatches = (value: unknown, wanted: string): boolean => {
  const actual = bsonTypeName(value);
  return actual === wanted || (wanted === 'number' && NUMERIC.has(actual));
};

const hasType: Predicate = (a, b) => {
  if (a === undefined) return false;
  const wanted = (Array.isArray(b) ? b : [b]).map((t) => TYPE_ALIASES[t as string] ?? String(t));
  return wanted.some((t) => typeMatches(a, t) || (Array.isArray(a) && a.some((v) => typeMatches(v, t))));
};

const sortStage = (coll: ReturnType<typeof Lazy>, spec: Record<string, unknown>, options: Options) =>
  coll.transform((docs: unknown[]) =>
    Lazy(sortDocuments(docs as Record<string, unknown>[], spec, stringOrder(options.collation))),
  );

// mingo's expressions compute only with JS numbers and compare with its own order. These hand
// mingo the arguments as plain numbers and give the result the BSON type mongod would, and
// compare in BSON order, so stored Long/Double/Decimal128 values take part like numbers.

type Operator = (obj: unknown, expr: unknown, options: Options) => unknown;
type Accumulator = (coll: unknown[], expr: unknown, options: Options) => unknown;

const asPlainLiteral = (v: unknown) => ({
  $literal: numericType(v) === undefined || typeof v === 'number' ? v : Number(v),
});
const sameType = (t: NumericType) => t;
const floating = (t: NumericType): NumericType => (t === 'decimal' ? t : 'double');

const typedArithmetic =
  (op: Operator, resultType: (widest: NumericType) => NumericType): Operator =>
  (obj, expr, options) => {
    const args = evalExpr(obj as never, expr, options);
    const list = Array.isArray(args) ? args : [args];
    const types = list.map(numericType).filter((t) => t !== undefined);
    const result = op(obj, Array.isArray(args) ? list.map(asPlainLiteral) : asPlainLiteral(args), options);
    return typeof result === 'number' && types.length ? asType(result, resultType(widestType(types))) : result;
  };

const numbersOf = (coll: unknown[], expr: unknown, options: Options) =>
  (accumulatorOperators.$push(coll as never, expr, options) as unknown[]).filter((v) => numericType(v) !== undefined);

const typedSum: Accumulator = (coll, expr, options) => {
  const values = numbersOf(coll, expr, options);
  return asType(
    values.reduce<number>((sum, v) => sum + Number(v), 0),
    widestType(values.map((v) => numericType(v)!)),
  );
};

const typedAvg: Accumulator = (coll, expr, options) => {
  const values = numbersOf(coll, expr, options);
  if (!values.length) return null;
  const mean = values.reduce<number>((sum, v) => sum + Number(v), 0) / values.length;
  return asType(mean, floating(widestType(values.map((v) => numericType(v)!))));
};

const comparison =
  (test: (c: number) => boolean | number): Operator =>
  (obj, expr, options) => {
    const [a, b] = evalExpr(obj as never, expr, options) as unknown[];
    return test(compareValues(a, b, stringOrder(options.collation)));
  };

const {
  $add,
  $subtract,
  $multiply,
  $mod,
  $abs,
  $ceil,
  $floor,
  $trunc,
  $round,
  $pow,
  $divide,
  $sqrt,
  $exp,
  $ln,
  $log,
  $log10,
} = expressionOperators as unknown as Record<string, Operator>;

// mingo has no geometry operators. `$geoWithin` needs no index in mongod; near queries are
// served by the planner (find) and the $geoNear stage, and refused anywhere else, as mongod does.
const geoWithin = (selector: string, value: unknown) => {
  const inside = withinShape(value);
  return (obj: unknown) => {
    const point = parsePoint(resolve(obj as Parameters<typeof resolve>[0], selector));
    return typeof point !== 'string' && inside(point);
  };
};
const nearElsewhere = () => fail(2, '$geoNear, $near, and $nearSphere are not allowed in this context');

const queryOperatorsBson = {
  ...queryOperators,
  $eq: queryOp(eq),
  $ne: queryOp((a, b, d, o) => !eq(a, b, d, o)),
  $in: queryOp(inArray, requireArray('$in')),
  $nin: queryOp((a, b, d, o) => !inArray(a, b, d, o), requireArray('$nin')),
  $gt: queryOp(range((c) => c > 0)),
  $gte: queryOp(range((c) => c >= 0)),
  $lt: queryOp(range((c) => c < 0)),
  $lte: queryOp(range((c) => c <= 0)),
  $type: queryOp(hasType),
  $geoWithin: geoWithin,
  $near: nearElsewhere,
  $nearSphere: nearElsewhere,
};

const context = Context.init({
  accumulator: { ...accumulatorOperators, $sum: typedSum, $avg: typedAvg } as never,
  expression: {
    ...expressionOperators,
    ...Object.fromEntries(
      Object.entries({ $add, $subtract, $multiply, $mod, $abs, $ceil, $floor, $trunc, $round, $pow }).map(([k, op]) => [
        k,
        typedArithmetic(op!, sameType),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries({ $divide, $sqrt, $exp, $ln, $log, $log10 }).map(([k, op]) => [k, typedArithmetic(op!, floating)]),
    ),
    $eq: comparison((c) => c === 0),
    $ne: comparison((c) => c !== 0),
    $gt: comparison((c) => c > 0),
    $gte: comparison((c) => c >= 0),
    $lt: comparison((c) => c < 0),
    $lte: comparison((c) => c <= 0),
    $cmp: comparison((c) => c),
    $type: (obj: unknown, expr: unknown, options: Options) => bsonTypeName(evalExpr(obj as never, expr, options)),
  } as never,
  pipeline: { ...pipelineOperators, $sort: sortStage } as never,
  projection: projectionOperators,
  query: queryOperatorsBson as never,
  window: windowOperators,
});

/** Options for a query, update or pipeline of a command with `let` variables and a collation. */
export function commandOptions(env: {
  variables?: Record<string, unknown>;
  collation?: Record<string, unknown>;
}): Options {
  return mingoOptions({
    ...(env.variables ? { variables: env.variables } : {}),
    ...(env.collation ? { collation: env.collation as unknown as Options['collation'] } : {}),
  });
}

/**
 * mingo's updater copies its context's operator tables on every call; $pull conditions and
 * arrayFilters are match expressions on array elements (no `$expr` there, as in mongod), so
 * updates that need no positional filter get a context with the query operators alone.
 */
const updateContext = Context.init({ query: queryOperatorsBson as never });

/** Options for mingo's updater; `positional` updates re-run the command's filter, `$expr` and all. */
export function updateOptions(env: Parameters<typeof commandOptions>[0], positional: boolean): Options {
  const options = commandOptions(env);
  return positional ? options : { ...options, context: updateContext };
}

export function mingoOptions(extra: Partial<Options> = {}): Options {
  return {
    idKey: '_id',
    processingMode: ProcessingMode.CLONE_OFF,
    useStrictMode: true,
    scriptEnabled: true,
    failOnError: true,
    context,
    ...extra,
  } as Options;
}

/** A command's `let` document: each value is an expression evaluated once, with no current document. */
export function evaluateVariables(spec: Record<string, unknown>): Record<string, unknown> {
  const options = mingoOptions();
  return Object.fromEntries(Object.entries(spec).map(([name, expr]) => [name, evalExpr({}, expr, options)]));
}
