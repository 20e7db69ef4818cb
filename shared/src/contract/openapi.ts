import { z } from 'zod';
import type { OperationSpec } from './operation';
import { problemDocument } from './problem';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

function parametersOf(op: OperationSpec) {
  const out: unknown[] = [];
  for (const [where, schema] of [
    ['path', op.params],
    ['query', op.query],
  ] as const) {
    if (!schema) continue;
    for (const [name, field] of Object.entries(schema.shape)) {
      const fieldSchema = field as z.ZodType;
      out.push({
        name,
        in: where,
        required: where === 'path' || !fieldSchema.safeParse(undefined).success,
        schema: toSchema(fieldSchema, 'input'),
      });
    }
  }
  if (op.idempotent) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      schema: { type: 'string', minLength: 8, maxLength: 128 },
    });
  }
  return out;
}

function requestBodyOf(op: OperationSpec) {
  if (op.multipart) {
    const { file, maxBytes, accept } = op.multipart;
    const schema = {
      type: 'object',
      required: [file],
      properties: { [file]: { type: 'string', contentMediaType: 'application/octet-stream', maxLength: maxBytes } },
    };
    return {
      requestBody: {
        required: true,
        description: `One file, at most ${maxBytes} bytes, of ${accept.join(', ')} (sniffed from the bytes)`,
        content: { 'multipart/form-data': { schema, encoding: { [file]: { contentType: accept.join(', ') } } } },
      },
    };
  }
  if (!op.body) return {};
  return {
    requestBody: {
      required: true,
      content: { [op.consumes ?? 'application/json']: { schema: toSchema(op.body, 'input') } },
    },
  };
}

/** An OpenAPI 3.1 document generated from the declared operations. */
export function buildOpenApi(operations: readonly OperationSpec[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
    const status = String(op.status ?? 200);
    const success =
      op.status === 204
        ? { description: 'No content' }
        : {
            description: 'Success',
            content: {
              [op.produces ?? 'application/json']: {
                schema: op.produces ? { type: 'string' } : toSchema(op.response, 'output'),
              },
            },
          };
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      tags: [op.id.split('.')[0]],
      ...(op.access === 'public' || op.access === 'optional' ? { security: [] } : {}),
      ...(op.access === 'staff' || op.access === 'admin' ? { 'x-required-role': op.access } : {}),
      parameters: parametersOf(op),
      ...requestBodyOf(op),
      responses: {
        [status]: success,
        default: {
          description: 'Problem',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
      ...(op.problems?.length ? { 'x-problem-codes': op.problems } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: { Problem: toSchema(problemDocument, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    security: [{ bearer: [] }],
  };
}
