/**
 * Pre-serialised JSON in a response: a long list assembled from remembered fragments is written
 * into the body as text instead of being serialised again item by item. (`JSON.rawJSON` takes
 * primitives only, so objects and arrays are spliced in here.)
 */

/** JSON text of a `T`, made by code that guarantees it is valid JSON. */
export type JsonText<T> = string & { readonly __jsonOf?: T };

/**
 * The JSON of `value` (a plain object) with `fields` (name to JSON text) added after its own keys;
 * the same text `JSON.stringify` would write for the object with those fields parsed in.
 */
export function stringifyWith(value: Record<string, unknown>, fields: Record<string, JsonText<unknown>>): string {
  let text = JSON.stringify(value);
  const own = text !== '{}';
  text = text.slice(0, -1);
  let first = !own;
  for (const [name, json] of Object.entries(fields)) {
    if (name in value) throw new Error(`stringifyWith: ${name} is already a field`);
    text += `${first ? '' : ','}${JSON.stringify(name)}:${json}`;
    first = false;
  }
  return `${text}}`;
}
