import { ApiError, GENERIC_MESSAGE, NetworkError } from '../api/errors';

/** What a person reads for any failure: the API's Chinese text, or a generic one, never a stack. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError) return error.message;
  return GENERIC_MESSAGE;
}

export const needsSignIn = (error: unknown) => error instanceof ApiError && error.code === 'UNAUTHENTICATED';
