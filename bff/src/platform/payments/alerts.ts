import type { Deps } from '../deps';
import { paymentAlerts } from '../metrics';

export type PaymentAlert =
  /** The platform says the payer paid another amount than the order's: not settled; a person decides. */
  | 'payment-amount-mismatch'
  /** Money came in for an order already closed: it is being refunded in full, automatically. */
  | 'paid-after-close'
  /** A notification whose signature, age or serial does not hold: forged, replayed, or WeChat switching keys. */
  | 'payment-signature-invalid'
  /** A platform answer not signed by the platform: a proxy or a forged endpoint; the order waits. */
  | 'payment-answer-signature-invalid';

// Anyone can post a forged notification, and a late payment is refunded by itself: warnings. Money
// that does not match, or answers someone forged in the path, are errors.
const LEVEL: Record<PaymentAlert, 'warn' | 'error'> = {
  'payment-amount-mismatch': 'error',
  'paid-after-close': 'warn',
  'payment-signature-invalid': 'warn',
  'payment-answer-signature-invalid': 'error',
};

/**
 * Raises a payment alert: one log line carrying `alert` and the facts (order id, amounts; never
 * a payer's details), and `warmcity_payment_alerts_total{alert}`, which an operator's alert rule
 * watches, so nobody has to read logs to learn of it.
 */
export function paymentAlert(
  deps: Pick<Deps, 'logger'>,
  alert: PaymentAlert,
  facts: Record<string, unknown>,
  message: string,
): void {
  paymentAlerts.inc({ alert });
  deps.logger[LEVEL[alert]]({ alert, ...facts }, message);
}
