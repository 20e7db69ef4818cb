import type { Document } from 'bson';
import { numericType } from '../bson/compare';
import type { Collection } from '../collection';
import { fail, MongoCommandError } from '../errors';
import { isPlain } from './bounds';
import { geoValue } from '../indexes/keys';
import { stats } from '../stats';
import { compileFilter } from './filter';
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

function distanceOption(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = numericType(value) === undefined ? NaN : Number(value);
  if (!(n >= 0)) throw new MongoCommandError(2, `${name} must be a non-negative number`);
  return n;
}

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
    const inner = isPlain(operand) && '$geometry' in operand ? operand : {};
    const { point, metres } = nearPoint(operand, op);
    const rest = { ...filter };
    delete rest[field];
    return {
      near: {
        field,
        point,
        metres,
        maxDistance: distanceOption(inner.$maxDistance ?? condition.$maxDistance, '$maxDistance'),
        minDistance: distanceOption(inner.$minDistance ?? condition.$minDistance, '$minDistance'),
      },
      rest,
    };
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

const optionalString = (spec: Document, name: string): string | undefined => {
  const v = spec[name];
  if (v !== undefined && (typeof v !== 'string' || v === ''))
    fail(2, `$geoNear requires '${name}' to be a non-empty string`);
  return v as string | undefined;
};

/** The documents a leading `$geoNear` stage emits: nearest first, with the distance (and location) added. */
export function geoNearStage(
  coll: Collection | undefined,
  ns: string,
  spec: unknown,
  variables?: Document,
): Document[] {
  if (!isPlain(spec)) return fail(10065, 'invalid parameter: object expected');
  if (spec.near === undefined) fail(5860400, "$geoNear requires a 'near' argument");
  const distanceField =
    optionalString(spec, 'distanceField') ?? fail(16606, "$geoNear requires a 'distanceField' option as a String");
  const includeLocs = optionalString(spec, 'includeLocs');
  const key = optionalString(spec, 'key');
  if (spec.query !== undefined && !isPlain(spec.query)) fail(14, "$geoNear 'query' must be a document");
  const multiplier =
    spec.distanceMultiplier === undefined ? 1 : distanceOption(spec.distanceMultiplier, 'distanceMultiplier')!;
  if (!coll) return [];
  const field = key ?? soleGeoField(coll);
  const { point, metres } = nearPoint(spec.near, '$geoNear');
  const hits = nearDocuments(coll, ns, {
    field,
    point,
    metres,
    maxDistance: distanceOption(spec.maxDistance, 'maxDistance'),
    minDistance: distanceOption(spec.minDistance, 'minDistance'),
    filter: spec.query as Document | undefined,
    variables,
  });
  return hits.map(({ doc, distance }) => {
    const out = setPath(doc, distanceField, distance * multiplier);
    return includeLocs ? setPath(out, includeLocs, geoValue(doc, field)) : out;
  });
}
