import { defineFeature } from '../feature';
import { PaymentOrders } from './order.model';
import { paymentsRoutes } from './routes';
import { paymentReconciliation } from './sweeper';

/** Payments is platform, not a feature, but it has routes, a sweeper and a model like one, so
 * it is listed with the features. Orders are kept when an account goes: they are the merchant's
 * accounting records, and they name the payer only by account id. */
export const paymentsModule = defineFeature({
  name: 'payments',
  routes: paymentsRoutes,
  sweepers: [paymentReconciliation],
  models: [PaymentOrders],
});
