import type { Deps } from '../deps';
import type { PaymentOrder } from './order.model';

/**
 * How the paying feature learns what became of its order. The platform never imports a feature,
 * so each feature declares its hooks under its own name (the order's `subject.feature`) and the
 * app passes the registry in through `deps`. Delivery is at least once (a crash between the
 * transition and the hook is retried by the sweeper), so a hook must be idempotent: key its
 * write by `order.subject.id` (and the refund id).
 */
export interface PaymentHooks {
  onPaid?(deps: Deps, order: PaymentOrder): Promise<void>;
  onRefunded?(
    deps: Deps,
    order: PaymentOrder,
    refund: { id: string; amountFen: number; reason: string },
  ): Promise<void>;
}

export type PaymentHookRegistry = Readonly<Record<string, PaymentHooks>>;

/** Each feature's `payments` hooks from the module list, under the feature's name. */
export function paymentHookRegistry(
  features: readonly { readonly name: string; readonly payments?: PaymentHooks }[],
): PaymentHookRegistry {
  return Object.fromEntries(features.flatMap(({ name, payments }) => (payments ? [[name, payments]] : [])));
}
