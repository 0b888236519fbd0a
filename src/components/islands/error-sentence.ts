/**
 * What a reader is told when a call to the gateway fails: the sentence for the API's error `code`
 * in the page's language (ErrorSentences.astro puts every `error.<code>` of core/i18n on each page),
 * or the general "something went wrong" one. Never the API's `message`: that is English and meant
 * for developers. Every island and form shows failures through this module.
 */

let cached: Record<string, string> | undefined;

/** The page's sentences by code (read once). */
function sentences(): Record<string, string> {
  if (cached) return cached;
  try {
    cached = JSON.parse(document.querySelector<HTMLMetaElement>('meta[name="xt-error-sentences"]')?.content ?? '{}') as Record<string, string>;
  } catch {
    cached = {};
  }
  return cached;
}

/**
 * The error code of a failure: an `ApiError` or `{ code }`, an API answer body `{ error: { code } }`,
 * `network` for a fetch that got no answer (a `TypeError`), else undefined.
 */
export function errorCodeOf(failure: unknown): string | undefined {
  if (typeof failure === 'string') return failure;
  if (failure instanceof TypeError) return 'network';
  if (!failure || typeof failure !== 'object') return undefined;
  const direct = (failure as { code?: unknown }).code;
  if (typeof direct === 'string') return direct;
  const nested = (failure as { error?: { code?: unknown } }).error?.code;
  return typeof nested === 'string' ? nested : undefined;
}

/** The page's sentence for this failure's code, or undefined when the code is not one the page knows. */
export function knownErrorSentence(failure: unknown): string | undefined {
  const code = errorCodeOf(failure);
  return code && Object.hasOwn(sentences(), code) && code !== 'unknown' ? sentences()[code] : undefined;
}

/** The sentence to show for a failure: its code's, or the page's general one. */
export function errorSentence(failure: unknown): string {
  return knownErrorSentence(failure) ?? sentences().unknown ?? '';
}
