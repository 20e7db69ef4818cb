import type { OperationSpec, api as contractApi } from '@warmcity/shared';

/**
 * What the client needs of an operation at run time. The full declaration carries zod schemas;
 * shipping them would put zod (and every schema) in the bundle, so the build injects this table
 * from shared/ instead (config/contract.ts) and the type keeps a phantom link to the declaration.
 */
export interface Route<Op extends OperationSpec = OperationSpec> {
  readonly id: Op['id'];
  readonly method: Op['method'];
  readonly path: Op['path'];
  readonly idempotent: boolean;
  readonly produces?: string;
  /** Type-only: never present at run time. */
  readonly __operation?: Op;
}

type Api = typeof contractApi;

export type Routes = {
  readonly [F in keyof Api]: {
    readonly [K in keyof Api[F]]: Api[F][K] extends OperationSpec ? Route<Api[F][K]> : never;
  };
};

/** Every operation of the contract, e.g. `routes.system.health`. */
export const routes = WARMCITY_ROUTES as unknown as Routes;
