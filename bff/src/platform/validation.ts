import type { OperationSpec } from '@warmcity/shared';
import type { ZodError, ZodType } from 'zod';
import { problem, type AppError, type ProblemField } from './problem';

type Where = 'params' | 'query' | 'body' | '';

const join = (parts: readonly PropertyKey[]) => parts.map(String).filter(Boolean).join('.');

/** One `errors` entry per failing field, named from the request's root (`body.phone`), so the
 * client can point at it; zod's messages never quote the rejected value. */
export function validationProblem(
  failures: readonly (readonly [Where, ZodError])[],
  more: readonly ProblemField[] = [],
): AppError {
  const errors: ProblemField[] = [];
  for (const [where, error] of failures) {
    for (const issue of error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          errors.push({ path: join([where, ...issue.path, key]), message: 'Unknown field', code: issue.code });
        }
      } else {
        errors.push({ path: join([where, ...issue.path]), message: issue.message, code: issue.code });
      }
    }
  }
  return problem('VALIDATION_FAILED', undefined, { errors: [...errors, ...more] });
}

function unexpected(where: Where, value: unknown): ProblemField[] {
  if (value === undefined) return [];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.keys(value).map((key) => ({ path: `${where}.${key}`, message: 'Unknown field', code: 'unrecognized_keys' }));
  }
  return [{ path: where, message: 'This operation takes no body', code: 'unrecognized_keys' }];
}

export interface RawInput {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
}

/** Parses params, query and body with the operation's strict schemas; a part the operation does
 * not declare must be absent, so nothing unvalidated ever reaches a handler. */
export function validateInput(operation: OperationSpec, raw: RawInput) {
  const failures: (readonly [Where, ZodError])[] = [];
  const stray: ProblemField[] = [];
  const parse = (where: Exclude<Where, ''>, schema: ZodType | undefined, value: unknown) => {
    if (!schema) {
      stray.push(...unexpected(where, value));
      return undefined;
    }
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    failures.push([where, result.error]);
    return undefined;
  };
  const input = {
    params: parse('params', operation.params, raw.params),
    query: parse('query', operation.query, raw.query),
    body: parse('body', operation.body, raw.body),
  };
  if (failures.length > 0 || stray.length > 0) throw validationProblem(failures, stray);
  return input;
}
