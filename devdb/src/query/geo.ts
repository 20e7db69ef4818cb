import type { Document } from 'bson';
import { numericType } from '../bson/compare';
import { formatValue } from '../bson/format';
import { fail, MongoCommandError } from '../errors';
import { isPlain } from './bounds';

/** mongod's sphere for 2dsphere distances (kRadiusOfEarthInMeters), not the WGS84 ellipsoid. */
export const EARTH_RADIUS_M = 6378100;

export type LngLat = readonly [number, number];

const asNumber = (v: unknown): number | undefined => (numericType(v) === undefined ? undefined : Number(v));

/** `[lng, lat]` or `{ x: lng, y: lat }` (the first two values, whatever their names), as mongod reads legacy pairs. */
function legacyPair(value: unknown): LngLat | undefined {
  const values = Array.isArray(value) ? value : isPlain(value) ? Object.values(value) : undefined;
  if (!values || values.length < 2) return undefined;
  const lng = asNumber(values[0]);
  const lat = asNumber(values[1]);
  return lng === undefined || lat === undefined ? undefined : [lng, lat];
}

/** A point, or why the value is none: a GeoJSON Point or a legacy pair, inside lng/lat bounds. */
export function parsePoint(value: unknown): LngLat | string {
  if (!Array.isArray(value) && !isPlain(value)) return `geo element must be an array or object: ${formatValue(value)}`;
  let point: LngLat | undefined;
  if (isPlain(value) && 'type' in value) {
    if (value.type !== 'Point') return `unknown GeoJSON type: ${formatValue(value)}`;
    const coordinates = value.coordinates;
    if (!Array.isArray(coordinates)) return 'coordinates must be an array';
    if (coordinates.length < 2 || coordinates.some((c) => asNumber(c) === undefined))
      return `Point must only contain numeric elements`;
    point = [asNumber(coordinates[0])!, asNumber(coordinates[1])!];
  } else point = legacyPair(value);
  if (!point) return `Point must only contain numeric elements`;
  const [lng, lat] = point;
  if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90))
    return `longitude/latitude is out of bounds, lng: ${lng} lat: ${lat}`;
  return point;
}

/** The point a 2dsphere index keeps for a document, or mongod's 16755 for a value it cannot index. */
export function geoKey(doc: Document, value: unknown): LngLat {
  const point = parsePoint(value);
  return typeof point === 'string' ? fail(16755, `Can't extract geo keys: ${formatValue(doc)}  ${point}`) : point;
}

const toRad = (deg: number) => (deg * Math.PI) / 180;

/** Central angle between two points, in radians (haversine, stable at small distances). */
export function angleBetween([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const dLat = toRad(lat2 - lat1);
  const dLng = toRad(lng2 - lng1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(lat1)) * Math.cos(toRad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const unitVector = ([lng, lat]: LngLat) => {
  const [l, p] = [toRad(lng), toRad(lat)];
  return [Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)] as const;
};
type Vec = readonly [number, number, number];
const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec, b: Vec): Vec => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

/**
 * Whether `p` lies inside a ring of geodesic edges (GeoJSON on the sphere): the ring's winding
 * angle around p is ±2π inside and 0 outside. Rings are smaller than a hemisphere, as mongod
 * requires of a GeoJSON polygon without a custom crs.
 */
function insideSphericalRing(p: LngLat, ring: LngLat[]): boolean {
  const v = unitVector(p);
  const tangent = (q: LngLat): Vec => {
    const u = unitVector(q);
    const d = dot(u, v);
    return [u[0] - d * v[0], u[1] - d * v[1], u[2] - d * v[2]];
  };
  let winding = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = tangent(ring[i]!);
    const b = tangent(ring[i + 1]!);
    winding += Math.atan2(dot(cross(a, b), v), dot(a, b));
  }
  return Math.abs(winding) > Math.PI;
}

/** Planar even-odd test, for the legacy `$polygon` shape. */
function insideFlatPolygon([x, y]: LngLat, ring: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const pairs = (value: unknown, what: string): LngLat[] => {
  if (!Array.isArray(value)) return fail(2, `${what} must be an array`);
  return value.map((v) => legacyPair(v) ?? fail(2, `${what} must contain points`));
};

function polygonShape(geometry: unknown): (p: LngLat) => boolean {
  if (!isPlain(geometry) || geometry.type !== 'Polygon' || !Array.isArray(geometry.coordinates)) {
    return fail(2, `$geoWithin supports a GeoJSON Polygon only in devdb: ${formatValue(geometry)}`);
  }
  const rings = (geometry.coordinates as unknown[]).map((ring) => {
    const points = pairs(ring, 'Polygon coordinates');
    const [first, last] = [points[0], points[points.length - 1]];
    if (points.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1]) {
      fail(2, 'Loop must be closed and have at least 4 vertices');
    }
    return points;
  });
  if (!rings.length) return fail(2, 'Polygon has no loops.');
  const [outer, ...holes] = rings;
  return (p) => insideSphericalRing(p, outer!) && !holes.some((hole) => insideSphericalRing(p, hole));
}

/** The `$geoWithin` operand as a test on points; shapes other than these are refused. */
export function withinShape(spec: unknown): (p: LngLat) => boolean {
  if (!isPlain(spec) || Object.keys(spec).length !== 1) return fail(2, "geo query doesn't have any geometry");
  const [[shape, arg]] = Object.entries(spec) as [[string, unknown]];
  switch (shape) {
    case '$geometry':
      return polygonShape(arg);
    case '$centerSphere':
    case '$center': {
      const [center, radius] = Array.isArray(arg) ? arg : [];
      const c = legacyPair(center);
      const r = asNumber(radius);
      if (!c || r === undefined || r < 0) return fail(2, `malformed query, invalid ${shape}: ${formatValue(arg)}`);
      if (shape === '$center') return ([x, y]) => Math.hypot(x - c[0], y - c[1]) <= r;
      return (p) => angleBetween(c, p) <= r;
    }
    case '$box': {
      const [a, b] = pairs(arg, '$box');
      if (!a || !b) return fail(2, `malformed query, invalid $box: ${formatValue(arg)}`);
      return ([x, y]) => x >= a[0] && x <= b[0] && y >= a[1] && y <= b[1];
    }
    case '$polygon': {
      const ring = pairs(arg, '$polygon');
      if (ring.length < 3) return fail(2, 'Polygon must have at least 3 points');
      return (p) => insideFlatPolygon(p, ring);
    }
    default:
      return fail(2, `unknown geo specifier: ${shape}: ${formatValue(arg)}`);
  }
}

/** `{ $geometry: point }` or a legacy pair: the centre, and whether distances are metres (GeoJSON) or radians. */
export function nearPoint(value: unknown, what: string): { point: LngLat; metres: boolean } {
  const geometry = isPlain(value) && '$geometry' in value ? value.$geometry : value;
  const metres = isPlain(geometry) && 'type' in geometry;
  const point = parsePoint(geometry);
  if (typeof point === 'string') throw new MongoCommandError(2, `invalid argument in ${what}: ${point}`);
  return { point, metres };
}
