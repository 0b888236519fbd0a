/**
 * Error codes as pages show them: a sentence in the reader's language for every code the gateway
 * answers with (core/errors.ts). The API's own message is English and meant for developers, so no
 * page shows it.
 */
import type { ErrorCode } from '../../core/errors.ts';
import type { MessageKey } from '../../core/i18n/index.ts';

/**
 * A code a page has a sentence for: the API's, plus the forms island's own `unknown` (an answer
 * without a code the page knows) and `network` (no answer at all).
 */
export type PageErrorCode = ErrorCode | 'unknown' | 'network';

/** The dictionary key of a code's sentence; a code without one in the dictionaries fails type checking here. */
export function errorMessageKey(code: PageErrorCode): MessageKey {
  return `error.${code}`;
}
