import { MongoServerError, type Document } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer } from './helpers';

const server = useServer();

// mongod measures 2dsphere distances on a sphere of this radius (metres).
const RADIUS = 6378100;
const rad = (deg: number) => (deg * Math.PI) / 180;
function haversine(a: number[], b: number[]): number {
  const [lng1, lat1] = a as [number, number];
  const [lng2, lat2] = b as [number, number];
  const h =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * RADIUS * Math.asin(Math.sqrt(h));
}

// 40 sites scattered over ~10 km around 头陀镇 (黄岩区, 台州), from a fixed-seed generator.
const CENTRE = [121.2, 28.62];
let seed = 12;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const sites = Array.from({ length: 40 }, (_, i) => ({
  _id: i,
  free: i % 3 === 0,
  at: [CENTRE[0]! + (random() - 0.5) * 0.1, CENTRE[1]! + (random() - 0.5) * 0.1],
}));
const geojson = (at: number[]) => ({ type: 'Point', coordinates: at });
const HOME = [121.205, 28.615];
const byDistance = (list: typeof sites) =>
  list.map((s) => ({ _id: s._id, d: haversine(HOME, s.at) })).sort((a, b) => a.d - b.d);

type Keyed = { _id: number | string; [field: string]: unknown };
const sitesColl = () => server.db().collection<Keyed>('sites');

beforeAll(async () => {
  // Half as GeoJSON, half as legacy [lng, lat] pairs: a 2dsphere index takes both.
  await sitesColl().insertMany(sites.map((s) => ({ ...s, at: s._id % 2 ? s.at : geojson(s.at) })));
  await sitesColl().createIndex({ at: '2dsphere' });
});

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as MongoServerError,
  );

describe('2dsphere indexes', () => {
  it('are listed as mongod lists them', async () => {
    const indexes = await sitesColl().listIndexes().toArray();
    expect(indexes.find((i) => i.name === 'at_2dsphere')).toMatchObject({
      key: { at: '2dsphere' },
      '2dsphereIndexVersion': 3,
    });
  });

  it("refuse a document whose indexed field is not a point (16755 Can't extract geo keys), storing nothing", async () => {
    const coll = server.db().collection<Keyed>('bad_points');
    await coll.createIndex({ loc: '2dsphere' });
    const bad = [
      { type: 'Point', coordinates: [200, 10] },
      { type: 'Point', coordinates: [120, 95] },
      { type: 'Point', coordinates: [120] },
      { type: 'Point', coordinates: ['120', '30'] },
      { type: 'Point' },
      'near the station',
      42,
    ];
    for (const loc of bad) {
      const error = await errorOf(coll.insertOne({ _id: `bad ${JSON.stringify(loc)}`, loc }));
      expect(error).toBeInstanceOf(MongoServerError);
      expect(error).toMatchObject({ code: 16755 });
      expect(error!.message).toMatch(/^Can't extract geo keys/);
    }
    // Without a point the document is simply not indexed.
    await coll.insertMany([{ _id: 'none' }, { _id: 'null', loc: null }, { _id: 'pair', loc: [120.5, 30.1] }]);
    expect(await coll.countDocuments()).toBe(3);

    const moved = await errorOf(
      coll.updateOne({ _id: 'pair' }, { $set: { loc: { type: 'Point', coordinates: [0, 91] } } }),
    );
    expect(moved).toMatchObject({ code: 16755 });
    expect(await coll.findOne({ _id: 'pair' })).toEqual({ _id: 'pair', loc: [120.5, 30.1] });
  });

  it('cannot be built over a document that holds no point', async () => {
    const coll = server.db().collection('bad_build');
    await coll.insertMany([{ loc: geojson([120, 30]) }, { loc: { type: 'Point', coordinates: [181, 0] } }]);
    expect(await errorOf(coll.createIndex({ loc: '2dsphere' }))).toMatchObject({ code: 16755 });
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });
});

describe('$geoNear', () => {
  it('returns every site nearest first, with distances in metres on mongod sphere', async () => {
    const docs = await sitesColl()
      .aggregate([{ $geoNear: { near: geojson(HOME), distanceField: 'distance', spherical: true } }])
      .toArray();
    const expected = byDistance(sites);
    expect(docs.map((d) => d._id)).toEqual(expected.map((s) => s._id));
    docs.forEach((d, i) => expect(Math.abs(d.distance - expected[i]!.d)).toBeLessThan(0.01));
  });

  it('cuts off at maxDistance and minDistance, combines the query filter, and reports the location', async () => {
    const docs = await sitesColl()
      .aggregate([
        {
          $geoNear: {
            near: geojson(HOME),
            distanceField: 'dist.metres',
            maxDistance: 4000,
            minDistance: 500,
            query: { free: true },
            includeLocs: 'dist.location',
            key: 'at',
          },
        },
        { $project: { free: 1, dist: 1 } },
      ])
      .toArray();
    const expected = byDistance(sites.filter((s) => s.free)).filter((s) => s.d <= 4000 && s.d >= 500);
    expect(expected.length).toBeGreaterThan(2);
    expect(expected.length).toBeLessThan(sites.filter((s) => s.free).length);
    expect(docs.map((d) => d._id)).toEqual(expected.map((s) => s._id));
    for (const doc of docs) {
      const site = sites[doc._id as number]!;
      expect(doc.free).toBe(true);
      expect(doc.dist.location).toEqual(site._id % 2 ? site.at : geojson(site.at));
      expect(Math.abs(doc.dist.metres - haversine(HOME, site.at))).toBeLessThan(0.01);
    }
  });

  it('runs the rest of the pipeline over its output', async () => {
    const [nearest] = await sitesColl()
      .aggregate([
        { $geoNear: { near: geojson(HOME), distanceField: 'd' } },
        { $limit: 3 },
        { $group: { _id: null, n: { $sum: 1 }, max: { $max: '$d' } } },
      ])
      .toArray();
    expect(nearest!.n).toBe(3);
    expect(Math.abs(nearest!.max - byDistance(sites)[2]!.d)).toBeLessThan(0.01);
  });

  it('needs a 2dsphere index, and a key when there are two', async () => {
    const db = server.db();
    const stage = { $geoNear: { near: geojson(HOME), distanceField: 'd' } };
    await db.collection('no_index').insertOne({ at: geojson(HOME) });
    const none = await errorOf(db.collection('no_index').aggregate([stage]).toArray());
    expect(none).toMatchObject({ code: 27, codeName: 'IndexNotFound' });
    expect(none!.message).toBe('$geoNear requires a 2d or 2dsphere index, but none were found');

    const two = db.collection('two_indexes');
    await two.insertOne({ a: geojson([121, 28]), b: geojson([121.1, 28]) });
    await two.createIndexes([{ key: { a: '2dsphere' } }, { key: { b: '2dsphere' } }]);
    const ambiguous = await errorOf(two.aggregate([stage]).toArray());
    expect(ambiguous).toMatchObject({ code: 27, codeName: 'IndexNotFound' });
    expect(ambiguous!.message).toMatch(
      /^There is more than one 2dsphere index on .*two_indexes; unsure which to use for \$geoNear$/,
    );
    const [byB] = await two
      .aggregate([{ $geoNear: { ...stage.$geoNear, near: geojson([121.1, 28]), key: 'b' } }])
      .toArray();
    expect(byB!.d).toBe(0);

    const unindexed = await errorOf(two.aggregate([{ $geoNear: { ...stage.$geoNear, key: 'c' } }]).toArray());
    expect(unindexed).toMatchObject({ code: 291 });
    expect(unindexed!.message).toMatch(/unable to find index for \$geoNear query/);
  });

  it('from a legacy pair with spherical: measures radians, and maxDistance/minDistance are radians', async () => {
    const expected = byDistance(sites).filter((s) => s.d >= 300 && s.d <= 2500);
    expect(expected.length).toBeGreaterThan(2);
    const docs = await sitesColl()
      .aggregate([
        {
          $geoNear: {
            near: HOME,
            distanceField: 'angle',
            spherical: true,
            minDistance: 300 / RADIUS,
            maxDistance: 2500 / RADIUS,
          },
        },
      ])
      .toArray();
    expect(docs.map((d) => d._id)).toEqual(expected.map((s) => s._id));
    docs.forEach((d, i) => expect(Math.abs(d.angle * RADIUS - expected[i]!.d)).toBeLessThan(0.01));

    // distanceMultiplier turns the radians into metres; a point asked for with maxDistance 0 is found.
    const [first] = await sitesColl()
      .aggregate([
        {
          $geoNear: {
            near: sites[5]!.at,
            distanceField: 'm',
            spherical: true,
            distanceMultiplier: RADIUS,
            maxDistance: 0,
          },
        },
      ])
      .toArray();
    expect(first).toMatchObject({ _id: 5, m: 0 });
    const impossible = await sitesColl()
      .aggregate([{ $geoNear: { near: geojson(HOME), distanceField: 'd', minDistance: 3000, maxDistance: 1000 } }])
      .toArray();
    expect(impossible).toEqual([]);
  });

  it.each([
    [{ maxDistance: '3.2' }, 14, 'maxDistance must be a number'],
    [{ maxDistance: -1.1 }, 2, 'maxDistance must be nonnegative'],
    [{ minDistance: '3.2' }, 14, 'minDistance must be a number'],
    [{ minDistance: -1 }, 2, 'minDistance must be nonnegative'],
    [{ distanceMultiplier: -1 }, 2, 'distanceMultiplier must be nonnegative'],
    [{ query: 'free' }, 14, 'query must be an object'],
    [{ includeLocs: 1 }, 16607, "$geoNear requires that 'includeLocs' option is a String"],
    [{ key: 1 }, 14, "$geoNear parameter 'key' must be of type string but found type: int"],
    [{ key: '' }, 2, "$geoNear parameter 'key' cannot be the empty string"],
    [{ distanceField: 1 }, 16606, "$geoNear requires a 'distanceField' option as a String"],
    [{ near: undefined }, 5860400, "$geoNear requires a 'near' argument"],
    [{ near: 'home' }, 5860401, '$geoNear requires near argument to be a GeoJSON object or a legacy point(array)'],
    [{ limit: 3 }, 50858, "$geoNear no longer supports the 'limit' parameter. Use a $limit stage instead."],
    [{ num: 3 }, 50857, "$geoNear no longer supports the 'num' parameter. Use a $limit stage instead."],
  ])('refuses %j with mongod’s code %i', async (options, code, message) => {
    const spec: Document = { near: geojson(HOME), distanceField: 'd', ...options };
    if (spec.near === undefined) delete spec.near;
    const error = await errorOf(
      sitesColl()
        .aggregate([{ $geoNear: spec }])
        .toArray(),
    );
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code, message });
  });

  it('refuses a near that is not a point with BadValue', async () => {
    for (const near of [
      { type: 'blah', coordinates: [0, 0] },
      { type: 'Point', coordinates: [200, 0] },
    ]) {
      const error = await errorOf(
        sitesColl()
          .aggregate([{ $geoNear: { near, distanceField: 'd' } }])
          .toArray(),
      );
      expect(error).toMatchObject({ code: 2 });
    }
  });

  it('is only valid as the first stage', async () => {
    const error = await errorOf(
      sitesColl()
        .aggregate([{ $match: {} }, { $geoNear: { near: geojson(HOME), distanceField: 'd' } }])
        .toArray(),
    );
    expect(error).toMatchObject({ code: 40602 });
  });
});

describe('$near and $nearSphere in find', () => {
  it('sort by distance and stop at $maxDistance (metres for a GeoJSON point)', async () => {
    const expected = byDistance(sites)
      .filter((s) => s.d <= 3000)
      .map((s) => s._id);
    expect(expected.length).toBeGreaterThan(2);
    for (const op of ['$near', '$nearSphere']) {
      const found = await sitesColl()
        .find({ at: { [op]: { $geometry: geojson(HOME), $maxDistance: 3000 } } })
        .toArray();
      expect(found.map((d) => d._id)).toEqual(expected);
    }
  });

  it('take $minDistance, combine with other conditions, and honour limit', async () => {
    const expected = byDistance(sites.filter((s) => !s.free)).filter((s) => s.d >= 1000);
    const found = await sitesColl()
      .find({ free: false, at: { $nearSphere: { $geometry: geojson(HOME), $minDistance: 1000 } } })
      .limit(4)
      .toArray();
    expect(found.map((d) => d._id)).toEqual(expected.slice(0, 4).map((s) => s._id));
  });

  it('measure a legacy pair centre in radians', async () => {
    const found = await sitesColl()
      .find({ at: { $nearSphere: HOME, $maxDistance: 2000 / RADIUS } })
      .toArray();
    expect(found.map((d) => d._id)).toEqual(
      byDistance(sites)
        .filter((s) => s.d <= 2000)
        .map((s) => s._id),
    );
  });

  it.each([
    [{ $geometry: geojson(HOME), $maxDistance: 'far' }, 16899, '$maxDistance must be a number'],
    [{ $geometry: geojson(HOME), $maxDistance: -1 }, 16900, '$maxDistance must be non-negative'],
    [{ $geometry: geojson(HOME), $minDistance: 'near' }, 16897, '$minDistance must be a number'],
    [{ $geometry: geojson(HOME), $minDistance: -1 }, 16898, '$minDistance must be non-negative'],
  ])('refuse a bad distance in the GeoJSON form %j with mongod’s code %i', async (operand, code, message) => {
    const error = await errorOf(
      sitesColl()
        .find({ at: { $nearSphere: operand } })
        .toArray(),
    );
    expect(error).toMatchObject({ code, message });
  });

  it.each([
    [{ $maxDistance: 'far' }, 16895, '$maxDistance must be a number'],
    [{ $maxDistance: -1 }, 16896, '$maxDistance must be non-negative'],
    [{ $minDistance: 'near' }, 16893, '$minDistance must be a number'],
    [{ $minDistance: -1 }, 16894, '$minDistance must be non-negative'],
  ])('refuse a bad distance beside a legacy pair %j with mongod’s code %i', async (distance, code, message) => {
    const error = await errorOf(
      sitesColl()
        .find({ at: { $nearSphere: HOME, ...distance } })
        .toArray(),
    );
    expect(error).toMatchObject({ code, message });
  });

  it('refuse a distance beside a GeoJSON centre: it belongs inside, with $geometry', async () => {
    const error = await errorOf(
      sitesColl()
        .find({ at: { $nearSphere: { $geometry: geojson(HOME) }, $maxDistance: 3000 } })
        .toArray(),
    );
    expect(error).toMatchObject({ code: 2 });
    expect(error!.message).toMatch(/^geo near accepts just one argument when querying for a GeoJSON point/);
  });

  it('refuse a centre that is not a point with BadValue', async () => {
    const bad = { $geometry: { type: 'blah', coordinates: [73.9667, 40.78] }, $maxDistance: 5000 };
    expect(
      await errorOf(
        sitesColl()
          .find({ at: { $near: bad } })
          .toArray(),
      ),
    ).toMatchObject({ code: 2 });
  });

  it('need a geo index on the field', async () => {
    await server
      .db()
      .collection('plain')
      .insertOne({ at: geojson(HOME) });
    const error = await errorOf(
      server
        .db()
        .collection('plain')
        .find({ at: { $nearSphere: { $geometry: geojson(HOME) } } })
        .toArray(),
    );
    expect(error).toMatchObject({ code: 291 });
    expect(error!.message).toMatch(/unable to find index for \$geoNear query/);
  });
});

describe('$geoWithin', () => {
  const within = async (shape: Document) =>
    (
      await sitesColl()
        .find({ at: { $geoWithin: shape } })
        .sort({ _id: 1 })
        .toArray()
    ).map((d) => d._id);

  it('$centerSphere: within a radius in radians', async () => {
    const expected = sites.filter((s) => haversine(HOME, s.at) <= 2500).map((s) => s._id);
    expect(expected.length).toBeGreaterThan(2);
    expect(await within({ $centerSphere: [HOME, 2500 / RADIUS] })).toEqual(expected);
  });

  // A box inside the cloud of sites with no site within ~10 m of its edges: over 4 km a geodesic
  // edge bows from the straight one by well under a metre, so flat and spherical shapes agree.
  const [west, south, east, north] = [121.18, 28.6, 121.22, 28.64];
  const inBox = sites.filter(({ at: [x, y] }) => x! > west && x! < east && y! > south && y! < north).map((s) => s._id);
  it('the box has sites inside and out, none on the edge', () => {
    const margin = Math.min(
      ...sites.flatMap(({ at: [x, y] }) => [x! - west, x! - east, y! - south, y! - north].map(Math.abs)),
    );
    expect(margin).toBeGreaterThan(0.0001);
    expect(inBox.length).toBeGreaterThan(3);
    expect(inBox.length).toBeLessThan(sites.length - 3);
  });

  it('$box, $polygon and a GeoJSON Polygon', async () => {
    expect(
      await within({
        $box: [
          [west, south],
          [east, north],
        ],
      }),
    ).toEqual(inBox);
    expect(
      await within({
        $polygon: [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
        ],
      }),
    ).toEqual(inBox);
    const ring = [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ];
    expect(await within({ $geometry: { type: 'Polygon', coordinates: [ring] } })).toEqual(inBox);
  });

  it('works without an index, and beside other conditions', async () => {
    const coll = server.db().collection<Keyed>('unindexed_within');
    await coll.insertMany(sites.map((s) => ({ ...s, at: geojson(s.at) })));
    const found = await coll
      .find({ free: true, at: { $geoWithin: { $centerSphere: [HOME, 3000 / RADIUS] } } })
      .sort({ _id: 1 })
      .toArray();
    expect(found.map((d) => d._id)).toEqual(
      sites.filter((s) => s.free && haversine(HOME, s.at) <= 3000).map((s) => s._id),
    );
  });
});
