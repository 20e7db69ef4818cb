/** Chinese texts for every problem code of the contract, injected at build time. */
const texts: Record<string, string> = WARMCITY_PROBLEMS;

export const GENERIC_MESSAGE = '服务出了点问题，请稍后再试';
export const NETWORK_MESSAGE = '网络不稳定，请检查网络后重试';

export function problemMessage(code: string | undefined): string {
  // Object.hasOwn is missing on older mini-program base libraries.
  return (code && Object.prototype.hasOwnProperty.call(texts, code) && texts[code]) || GENERIC_MESSAGE;
}

/** An answer from the API that is not a success: `message` is what the resident reads. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Field errors of a validation problem, as the BFF sent them. */
    readonly errors?: ReadonlyArray<{ path: string; message: string; code?: string }>,
  ) {
    super(message);
  }
}

/** The request never got an answer (offline, timeout, DNS): worth retrying by the resident. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  readonly code = 'NETWORK';
  constructor(override readonly cause?: unknown) {
    super(NETWORK_MESSAGE);
  }
}
