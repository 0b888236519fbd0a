/**
 * Every error code the gateway answers with (`{ error: { code, message } }`). Pages map a code to
 * a sentence in the reader's language; the message that comes with it is for developers.
 */
export const errorCodes = [
  'already_owned',
  'bad_signature',
  'banned',
  'busy',
  'challenge_closed',
  'comments_off',
  'demo_disabled',
  'edit_window_closed',
  'email_unverified',
  'forbidden',
  'internal_error',
  'invalid_code',
  'invalid_credentials',
  'invalid_form',
  'invalid_input',
  'invalid_json',
  'invalid_token',
  'makeup_limit',
  'makeup_not_allowed',
  'members_only',
  'method_not_allowed',
  'missing_signature',
  'no_billing_account',
  'no_subscription',
  'not_enough_points',
  'not_found',
  'payload_too_large',
  'payments_unavailable',
  'price_unavailable',
  'rate_limited',
  'unauthenticated',
  'unknown_price',
  'unsupported_media_type',
] as const;

/** One error code of the API. */
export type ErrorCode = (typeof errorCodes)[number];

/** True when `value` is an error code the gateway can send. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
