/** A JSON Schema (draft-07) as plain data; the schema files in `schema/` are written from these objects. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** Reference to a definition of the same schema file. */
export function ref(name: string, description?: string): JsonSchema {
  return description === undefined
    ? { $ref: `#/definitions/${name}` }
    : { $ref: `#/definitions/${name}`, description };
}

/** A closed object: unknown properties are errors, so typos are caught. */
export function closedObject(
  description: string,
  properties: Record<string, JsonSchema>,
  required: readonly string[] = [],
): JsonSchema {
  return { type: 'object', description, properties, required, additionalProperties: false };
}

export function kindProperty(kind: string): JsonSchema {
  return { const: kind, description: `What this file holds: \`${kind}\`.` };
}

/** `if`/`then`: the branch of a dispatch on a discriminating property (`kind`, `type`). */
export function when(property: string, value: string, then: JsonSchema): JsonSchema {
  return {
    if: { properties: { [property]: { const: value } }, required: [property] },
    then,
  };
}
