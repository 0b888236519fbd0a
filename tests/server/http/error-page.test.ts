import { afterEach, describe, expect, it } from 'vitest';
import { dictionaries } from '../../../core/i18n/index.ts';
import { errorPage } from '../../../server/http/error-handler.ts';
import { createTestGateway, type TestGateway } from '../../helpers/gateway.ts';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

describe('the error page for browser navigations', () => {
  it("says the code's sentence in Chinese and English, and nothing of the failure", async () => {
    gw = await createTestGateway({ site: { read: async () => Promise.reject(new Error('disk read failed')) } });
    const res = await gw.app.request('/guides/x/', { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain(dictionaries['zh-CN']['error.internal_error']);
    expect(html).toContain(dictionaries.en['error.internal_error']);
    expect(html).not.toContain('disk read failed');
  });

  it('uses the general sentence for a code without one, and escapes what it prints', () => {
    const html = errorPage(418, 'no_such_code', '<id>');
    expect(html).toContain(dictionaries['zh-CN']['error.unknown']);
    expect(html).toContain(dictionaries.en['error.unknown']);
    expect(html).toContain('&#60;id&#62;');
    expect(errorPage(403, 'forbidden', 'r')).toContain(dictionaries['zh-CN']['error.forbidden']);
  });
});
