/**
 * The one rule for where a form may send the reader afterwards (`next`): a path on this site. It
 * refuses anything that could leave the site (`//host`, `/\host`, a scheme) and any control or
 * non-ASCII character, which a browser might strip or a runtime refuse in a `Location` header.
 */
const SAFE_NEXT = /^\/(?![/\\])[\x21-\x7e]*$/;

/** `value` when it is a safe same-site path, otherwise undefined. */
export function safeNext(value: string | null | undefined): string | undefined {
  if (!value || !SAFE_NEXT.test(value) || value.includes('\\')) return undefined;
  return value;
}
