import type { Types } from 'mongoose';
import type { Deps } from '../../platform/deps';
import type { Charge } from './charge.model';
import { ChargingPorts } from './port.model';
import { ChargingSites } from './site.model';
import { chargeViewOf, type ChargeRefs } from './views';

const unique = (ids: readonly Types.ObjectId[]) => [...new Map(ids.map((id) => [id.toHexString(), id])).values()];

/** The sites and ports a list of charges names, two queries however long the list. */
async function refsFor(deps: Pick<Deps, 'connection'>, charges: readonly Charge[]): Promise<ChargeRefs> {
  const [sites, ports] = await Promise.all([
    ChargingSites(deps.connection)
      .find({ _id: { $in: unique(charges.map((c) => c.siteId)) } }, { name: 1, address: 1 })
      .lean(),
    ChargingPorts(deps.connection)
      .find({ _id: { $in: unique(charges.map((c) => c.pool)) } }, { label: 1, code: 1 })
      .lean(),
  ]);
  return {
    sites: new Map(sites.map((s) => [s._id.toHexString(), s])),
    ports: new Map(ports.map((p) => [p._id.toHexString(), p])),
  };
}

export async function chargeViews(deps: Pick<Deps, 'connection' | 'clock'>, charges: readonly Charge[]) {
  const refs = await refsFor(deps, charges);
  const now = deps.clock.now();
  return charges.map((charge) => chargeViewOf(charge, refs, now));
}

export async function chargeView(deps: Pick<Deps, 'connection' | 'clock'>, charge: Charge) {
  const [view] = await chargeViews(deps, [charge]);
  return view!;
}
