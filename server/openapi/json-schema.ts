/**
 * zod schemas as OpenAPI 3.1 schema objects (JSON Schema 2020-12), through zod's own
 * `z.toJSONSchema`. Schemas named with `.meta({ id })` become shared components; everything else
 * is inlined where it is used.
 */
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

const largest = Number.MAX_SAFE_INTEGER;

/** Leaves out what only adds noise to a reader or a client generator. */
function tidy(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: JsonSchema }): void {
  const { zodSchema, jsonSchema } = ctx;
  // A plain z.object strips unknown keys rather than refusing them; answers may grow new fields.
  if (zodSchema._zod.def.type === 'object' && zodSchema._zod.def.catchall === undefined && jsonSchema.additionalProperties === false)
    delete jsonSchema.additionalProperties;
  // z.iso.datetime() spells out its calendar as a long pattern; `format` says it for humans and tools.
  if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
  if (jsonSchema.maximum === largest) delete jsonSchema.maximum;
  if (jsonSchema.minimum === -largest) delete jsonSchema.minimum;
}

/** Points `#/$defs/X` references at `#/components/schemas/X`, in place. */
function moveRefs(node: unknown): void {
  if (Array.isArray(node)) for (const item of node) moveRefs(item);
  else if (node && typeof node === 'object') {
    const object = node as JsonSchema;
    if (typeof object.$ref === 'string') object.$ref = object.$ref.replace(/^#\/\$defs\//, '#/components/schemas/');
    for (const value of Object.values(object)) moveRefs(value);
  }
}

/**
 * Collects the schemas of one document: `convert` returns a schema object for a zod schema and
 * files the named parts it meets under `components`.
 */
export function schemaCollector() {
  const components: Record<string, JsonSchema> = {};

  function convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const { $schema: _dialect, $defs, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', override: tidy }) as JsonSchema;
    moveRefs(json);
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      moveRefs(def);
      const known = components[id];
      if (known && JSON.stringify(known) !== JSON.stringify(def))
        throw new Error(`Two different schemas are named "${id}" (.meta({ id })) in the OpenAPI document; give one of them another id.`);
      components[id] = def;
    }
    return json;
  }

  return { convert, components };
}
