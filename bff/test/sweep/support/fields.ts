import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  discriminator?: string;
  values?: unknown[];
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional / nullable / default / a transform's input. */
function unwrapped(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') return unwrapped(def.innerType!);
  if (def.type === 'pipe') return unwrapped(def.in!);
  return schema;
}

/** A field somewhere in a body: where it is, its schema, and the fields a request must also
 * carry to reach it (a discriminated union's tag). */
export interface Field {
  path: (string | number)[];
  schema: z.ZodType;
  preset: Record<string, unknown>;
  /** An object, or a list of objects: where an undeclared key can hide. */
  holds: 'object' | 'objects' | 'value';
}

/** The object shapes a body can take: one, or one per option of a union. */
function shapesOf(schema: z.ZodType): { shape: Record<string, z.ZodType>; preset: Record<string, unknown> }[] {
  const inner = unwrapped(schema);
  const def = defOf(inner);
  if (def.type === 'object') return [{ shape: def.shape!, preset: {} }];
  if (def.type === 'union') {
    return def.options!.flatMap((option) =>
      shapesOf(option).map(({ shape, preset }) => {
        const tag = def.discriminator && shape[def.discriminator];
        return { shape, preset: tag ? { ...preset, [def.discriminator!]: defOf(tag).values?.[0] } : preset };
      }),
    );
  }
  return [];
}

/** Every field of a body or query, nested objects and objects inside lists included, each once
 * per union option it appears in (with the option's tag preset). */
export function fieldsOf(schema: z.ZodType | undefined): Field[] {
  if (!schema) return [];
  const out: Field[] = [];
  const visit = (shape: Record<string, z.ZodType>, at: (string | number)[], preset: Record<string, unknown>) => {
    for (const [name, field] of Object.entries(shape)) {
      if (at.length === 0 && name in preset) continue;
      const def = defOf(unwrapped(field));
      const objects = def.type === 'array' && defOf(unwrapped(def.element!)).type === 'object';
      out.push({
        path: [...at, name],
        schema: field,
        preset,
        holds: def.type === 'object' ? 'object' : objects ? 'objects' : 'value',
      });
      if (def.type === 'object') visit(def.shape!, [...at, name], preset);
      if (objects) visit(defOf(unwrapped(def.element!)).shape!, [...at, name, 0], preset);
    }
  };
  for (const { shape, preset } of shapesOf(schema)) visit(shape, [], preset);
  return out;
}

/** A body with `value` at `path` (and the preset fields), everything else left out. */
export function bodyWith(field: Field, value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = { ...field.preset };
  let here: Record<string | number, unknown> = root;
  field.path.forEach((key, i) => {
    if (i === field.path.length - 1) here[key] = value;
    else {
      const next = typeof field.path[i + 1] === 'number' ? [] : {};
      here[key] = next;
      here = next as Record<string | number, unknown>;
    }
  });
  return root;
}

/** A value of some other type than the field takes: the first of a few the field refuses. */
export function wrongTypeFor(schema: z.ZodType): unknown {
  const value = [true, 12345, 'sweep-wrong-type', [1], { a: 1 }, null].find((v) => !schema.safeParse(v).success);
  if (value === undefined) throw new Error('a field takes every type; no wrong type to send');
  return value;
}
