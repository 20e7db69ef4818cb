import type { Document } from 'bson';
import { numericType } from '../bson/compare';
import { formatValue } from '../bson/format';
import type { Collection } from '../collection';
import { fail } from '../errors';
import { isPlain } from './bounds';
import { geoValue } from '../indexes/keys';
import { stats } from '../stats';
import { compileFilter } from './filter';
import { bsonTypeName } from './types';
import { angleBetween, EARTH_RADIUS_M, nearPoint, type LngLat } from './geo';

export interface NearQuery {
  field: string;
  point: LngLat;
  /** Distances in metres (a GeoJSON centre) or in radians (a legacy pair), as mongod reports them. */
  metres: boolean;
  minDistance?: number;
  maxDistance?: number;
  filter?: Document;
  variables?: Document;
}

export interface NearHit {
  doc: Document;
  distance: number;
}

const ALL = { values: [], inclusive: true };

/**
 * Documents with a point in `field`, nearest first, within the distance bounds and matching the
 * filter. The index's entries are scanned whole: at the few hundred sites a town has, one
 * haversine per entry is cheaper than any cell covering would be to build, and exact.
 */
export function nearDocuments(coll: Collection | undefined, ns: string, q: NearQuery): NearHit[] {
  if (!coll) return [];
  const index =
    [...coll.indexes.values()].find((i) => i.geoFields.includes(q.field)) ??
    fail(
      291,
      `error processing query: ns=${ns} planner returned error :: caused by :: unable to find index for $geoNear query`,
    );
  const at = index.fields.indexOf(q.field);
  const scale = q.metres ? EARTH_RADIUS_M : 1;
  const nearest = new Map<number, number>();
  stats.keysExamined += index.scan(ALL, ALL, (rid, key) => {
    const distance = angleBetween(q.point, key[at] as LngLat) * scale;
    if (q.maxDistance !== undefined && distance > q.maxDistance) return;
    if (q.minDistance !== undefined && distance < q.minDistance) return;
    const seen = nearest.get(rid);
    if (seen === undefined || distance < seen) nearest.set(rid, distance);
  });
  const matches = compileFilter(q.filter, q.variables);
  const hits: NearHit[] = [];
  for (const [rid, distance] of [...nearest].sort((a, b) => a[1] - b[1] || a[0] - b[0])) {
    const doc = coll.docs.get(rid)!;
    stats.docsExamined++;
    if (matches(doc)) hits.push({ doc, distance });
  }
  return hits;
}

/** mongod's error codes for a distance option that is not a number, and for one below zero. */
interface DistanceCodes {
  notNumber: number;
  negative: number;
}

/**
 * A distance option as mongod checks it; `name` is spelled as its messages spell it. The codes
 * differ by where the option sits: `$geoNear` (TypeMismatch, BadValue), a find's GeoJSON form
 * (`{ $geometry, $maxDistance }`) or its legacy form (`$maxDistance` beside the operator).
 */
function distanceOption(value: unknown, name: string, codes: DistanceCodes, negative: string): number | undefined {
  if (value === undefined) return undefined;
  if (numericType(value) === undefined) return fail(codes.notNumber, `${name} must be a number`);
  const n = Number(value);
  if (!(n >= 0)) fail(codes.negative, `${name} ${negative}`);
  return n;
}

const STAGE: DistanceCodes = { notNumber: 14, negative: 2 };
const stageDistance = (spec: Document, name: string) => distanceOption(spec[name], name, STAGE, 'must be nonnegative');
const GEOJSON_FORM = {
  $minDistance: { notNumber: 16897, negative: 16898 },
  $maxDistance: { notNumber: 16899, negative: 16900 },
};
const LEGACY_FORM = {
  $minDistance: { notNumber: 16893, negative: 16894 },
  $maxDistance: { notNumber: 16895, negative: 16896 },
};

/**
 * A find filter's `{ field: { $near | $nearSphere: … } }` clause, parsed, and the rest of the
 * filter; undefined when the filter has none. Distances may sit inside the operand (GeoJSON form)
 * or beside the operator (legacy form).
 */
export function splitNear(filter: Document | undefined): { near: NearQuery; rest: Document } | undefined {
  if (!filter) return undefined;
  for (const [field, condition] of Object.entries(filter)) {
    if (!isPlain(condition)) continue;
    const op = '$nearSphere' in condition ? '$nearSphere' : '$near' in condition ? '$near' : undefined;
    if (!op) continue;
    const operand = condition[op];
    const geojsonForm = isPlain(operand) && '$geometry' in operand;
    const extra = Object.keys(condition).find((key) => key !== op);
    if (geojsonForm && extra !== undefined) {
      fail(
        2,
        `geo near accepts just one argument when querying for a GeoJSON point. Extra field found: ${extra}: ${formatValue(condition[extra])}`,
      );
    }
    const [options, codes] = geojsonForm ? [operand, GEOJSON_FORM] : [condition, LEGACY_FORM];
    const distance = (name: '$minDistance' | '$maxDistance') =>
      distanceOption(options[name], name, codes[name], 'must be non-negative');
    const maxDistance = distance('$maxDistance');
    const minDistance = distance('$minDistance');
    const { point, metres } = nearPoint(operand, op);
    const rest = { ...filter };
    delete rest[field];
    return { near: { field, point, metres, maxDistance, minDistance }, rest };
  }
  return undefined;
}

function setPath(doc: Document, path: string, value: unknown): Document {
  const [head, ...tail] = path.split('.');
  const inner = doc[head!];
  return { ...doc, [head!]: tail.length ? setPath(isPlain(inner) ? inner : {}, tail.join('.'), value) : value };
}

/** The field of the collection's one 2dsphere index, as mongod picks it when `key` is not given. */
function soleGeoField(coll: Collection): string {
  const geo = [...coll.indexes.values()].filter((i) => i.geoFields.length);
  if (!geo.length) fail(27, '$geoNear requires a 2d or 2dsphere index, but none were found');
  if (geo.length > 1) fail(27, `There is more than one 2dsphere index on ${coll.ns}; unsure which to use for $geoNear`);
  return geo[0]!.geoFields[0]!;
}

/** An optional string option of `$geoNear`, with mongod's code when it is not one. */
const optionalString = (spec: Document, name: string, code: number, message: string): string | undefined => {
  const v = spec[name];
  if (v !== undefined && typeof v !== 'string') fail(code, message);
  return v as string | undefined;
};

/** Options of the old geoNear command that the stage refuses, with mongod's codes. */
const RETIRED: [string, number, string][] = [
  [
    'collation',
    40227,
    "$geoNear does not accept the 'collation' parameter. Instead, specify a collation for the entire aggregation command.",
  ],
  ['limit', 50858, "$geoNear no longer supports the 'limit' parameter. Use a $limit stage instead."],
  ['num', 50857, "$geoNear no longer supports the 'num' parameter. Use a $limit stage instead."],
  ['start', 50856, "$geoNear no longer supports the 'start' argument."],
];

/** The documents a leading `$geoNear` stage emits: nearest first, with the distance (and location) added. */
export function geoNearStage(
  coll: Collection | undefined,
  ns: string,
  spec: unknown,
  variables?: Document,
): Document[] {
  // mongod parses every option before it looks for an index, in this order.
  if (!isPlain(spec)) return fail(10065, 'invalid parameter: object expected');
  for (const [name, code, message] of RETIRED) if (spec[name] !== undefined) fail(code, message);
  if (spec.near === undefined) fail(5860400, "$geoNear requires a 'near' argument");
  const distanceField =
    optionalString(spec, 'distanceField', 16606, "$geoNear requires a 'distanceField' option as a String") ??
    fail(16606, "$geoNear requires a 'distanceField' option as a String");
  if (distanceField === '') fail(40352, 'FieldPath cannot be constructed with empty string');
  const maxDistance = stageDistance(spec, 'maxDistance');
  const minDistance = stageDistance(spec, 'minDistance');
  const multiplier = stageDistance(spec, 'distanceMultiplier') ?? 1;
  if (spec.query !== undefined && !isPlain(spec.query)) fail(14, 'query must be an object');
  const includeLocs = optionalString(
    spec,
    'includeLocs',
    16607,
    "$geoNear requires that 'includeLocs' option is a String",
  );
  const key = optionalString(
    spec,
    'key',
    14,
    `$geoNear parameter 'key' must be of type string but found type: ${bsonTypeName(spec.key)}`,
  );
  if (key === '') fail(2, "$geoNear parameter 'key' cannot be the empty string");
  if (!coll) return [];
  const field = key ?? soleGeoField(coll);
  if (!isPlain(spec.near) && !Array.isArray(spec.near))
    fail(5860401, '$geoNear requires near argument to be a GeoJSON object or a legacy point(array)');
  // `spherical` picks $nearSphere over $near, which on a 2dsphere index (devdb has no 2d) is the
  // same search: metres from a GeoJSON centre, radians from a legacy pair.
  const { point, metres } = nearPoint(spec.near, '$geoNear');
  const hits = nearDocuments(coll, ns, {
    field,
    point,
    metres,
    maxDistance,
    minDistance,
    filter: spec.query as Document | undefined,
    variables,
  });
  return hits.map(({ doc, distance }) => {
    const out = setPath(doc, distanceField, distance * multiplier);
    return includeLocs ? setPath(out, includeLocs, geoValue(doc, field)) : out;
  });
}
