import { createConnection } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { Charges } from '../../src/features/charging/charge.model';
import { ChargingSites } from '../../src/features/charging/site.model';
import { ServiceOrders } from '../../src/features/memorial/service-order.model';
import { ServicePackages } from '../../src/features/memorial/service-package.model';
import { PaymentOrders } from '../../src/platform/payments/order.model';

// Money is integer fen in the contract (`amountFen = z.int()`) and in every stored document: the
// models refuse a fraction of a fen however a bug might write one. Validation needs no database.
const connection = createConnection();

/** The paths of `doc` each model refuses, validating those paths only. */
function refused(
  model: { new (doc: object): { validateSync(paths: string[]): unknown } },
  doc: object,
  paths: string[],
) {
  const error = new model(doc).validateSync(paths) as { errors?: Record<string, unknown> } | undefined;
  return Object.keys(error?.errors ?? {}).sort();
}

describe('integer fen in every stored money field', () => {
  it('payment orders refuse a fraction or a negative in the amount, the items, paid and refunded', () => {
    const doc = { amountFen: 1.5, items: [{ name: '充电', amountFen: 0.1 }], paidFen: -1, refundedFen: 2.5 };
    expect(refused(PaymentOrders(connection), doc, ['amountFen', 'items', 'paidFen', 'refundedFen'])).toEqual([
      'amountFen',
      'items.0.amountFen',
      'paidFen',
      'refundedFen',
    ]);
    const whole = { amountFen: 150, items: [{ name: '充电', amountFen: 150 }], paidFen: 150, refundedFen: 0 };
    expect(refused(PaymentOrders(connection), whole, ['amountFen', 'items', 'paidFen', 'refundedFen'])).toEqual([]);
  });

  it("charging's price and cost, and the memorial's package price and refunds, are integer fen too", () => {
    expect(refused(ChargingSites(connection), { pricePerMinuteFen: 2.5 }, ['pricePerMinuteFen'])).toEqual([
      'pricePerMinuteFen',
    ]);
    expect(
      refused(Charges(connection), { pricePerMinuteFen: 0.5, costFen: 7.5 }, ['pricePerMinuteFen', 'costFen']),
    ).toEqual(['costFen', 'pricePerMinuteFen']);
    expect(refused(ServicePackages(connection), { priceFen: 88.8 }, ['priceFen'])).toEqual(['priceFen']);
    expect(
      refused(ServiceOrders(connection), { package: { priceFen: 88.8 }, refundedFen: 0.5 }, ['package', 'refundedFen']),
    ).toEqual(['package.priceFen', 'refundedFen']);
  });
});
