import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorCodes } from '../../../../core/errors.ts';
import { dictionaries } from '../../../../core/i18n/index.ts';

const zh = dictionaries['zh-CN'];
/** What ErrorSentences.astro puts on a Chinese page. */
const sentences = Object.fromEntries([...errorCodes, 'unknown', 'network'].map((code) => [code, zh[`error.${code}` as keyof typeof zh]]));

let helper: typeof import('../../../../src/components/islands/error-sentence.ts');

beforeEach(async () => {
  vi.resetModules();
  vi.stubGlobal('document', {
    querySelector: (selector: string) => (selector === 'meta[name="xt-error-sentences"]' ? { content: JSON.stringify(sentences) } : null),
  });
  helper = await import('../../../../src/components/islands/error-sentence.ts');
});
afterEach(() => {
  vi.unstubAllGlobals();
});

class ApiError extends Error {
  code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

describe('errorSentence', () => {
  it("gives every API error code its sentence in the page's language", () => {
    for (const code of errorCodes) expect(helper.errorSentence({ error: { code, message: 'English for developers' } })).toBe(zh[`error.${code}`]);
  });

  it('reads the code of an ApiError, an answer body, a bare code, and a failed fetch (network)', () => {
    expect(helper.errorSentence(new ApiError('forbidden', 'State-changing requests must carry Origin: x.'))).toBe(zh['error.forbidden']);
    expect(helper.errorSentence({ error: { code: 'rate_limited' } })).toBe(zh['error.rate_limited']);
    expect(helper.errorSentence('invalid_code')).toBe(zh['error.invalid_code']);
    expect(helper.errorSentence(new TypeError('Failed to fetch'))).toBe(zh['error.network']);
  });

  it("falls back to the general sentence, never to the API's message or the code", () => {
    const failures = [new ApiError('brand_new_code', 'Some English text'), new Error('boom'), null, undefined, 42, { error: {} }];
    for (const failure of failures) expect(helper.errorSentence(failure)).toBe(zh['error.unknown']);
    expect(helper.knownErrorSentence(new ApiError('brand_new_code', 'x'))).toBeUndefined();
    expect(helper.knownErrorSentence('unknown')).toBeUndefined();
  });

  it('keeps a prototype key from passing for a code', () => {
    expect(helper.errorSentence('toString')).toBe(zh['error.unknown']);
  });
});
