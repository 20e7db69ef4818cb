import type { OperationSpec } from '@warmcity/shared';
import type { ZodError, ZodType } from 'zod';
import { problem, type AppError, type ProblemField } from './problem';

type Where = 'params' | 'query' | 'body' | '';

const join = (parts: readonly PropertyKey[]) => parts.map(String).filter(Boolean).join('.');

type Issue = ZodError['issues'][number];

// An unknown key is the client's own text echoed back: name it only when it looks like a field
// name, never when it could be a phone or ID number someone sent as a key.
const echoable = (key: PropertyKey) => /^[A-Za-z_$][\w$.[\]-]{0,63}$/.test(String(key)) && !/\d{11}/.test(String(key));
const unknownKeyPath = (at: readonly PropertyKey[], key: PropertyKey) => join(echoable(key) ? [...at, key] : at);

function fieldsOf(base: readonly PropertyKey[], issues: readonly Issue[]): ProblemField[] {
  return issues.flatMap((issue): ProblemField[] => {
    const at = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: unknownKeyPath(at, key), message: 'Unknown field', code: issue.code }));
    }
    // A union reports one issue list per alternative; the closest alternative (fewest issues)
    // names the fields the client most likely got wrong.
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, option) => (option.length < best.length ? option : best));
      return fieldsOf(at, closest);
    }
    return [{ path: join(at), message: issue.message, code: issue.code }];
  });
}

/** One `errors` entry per failing field, named from the request's root (`body.phone`), so the
 * client can point at it; zod's messages never quote the rejected value. */
export function validationProblem(
  failures: readonly (readonly [Where, ZodError])[],
  more: readonly ProblemField[] = [],
): AppError {
  const errors = failures.flatMap(([where, error]) => fieldsOf([where], error.issues));
  return problem('VALIDATION_FAILED', undefined, { errors: [...errors, ...more] });
}

function unexpected(where: Where, value: unknown): ProblemField[] {
  if (value === undefined) return [];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.keys(value).map((key) => ({
      path: unknownKeyPath([where], key),
      message: 'Unknown field',
      code: 'unrecognized_keys',
    }));
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
