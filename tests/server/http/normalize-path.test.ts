import { describe, expect, it } from 'vitest';
import { normalizePath } from '../../../server/http/normalize-path.ts';

describe('normalizePath', () => {
  it.each([
    ['/', '/'],
    ['/guides/x/', '/guides/x'],
    ['/guides/x', '/guides/x'],
    ['//guides///x//', '/guides/x'],
    ['/guides/./x/', '/guides/x'],
    ['/guides/x/index.html', '/guides/x'],
    ['/guides/x/INDEX.HTML', '/guides/x'],
    ['/Guides/X/', '/guides/x'],
    ['/guides/%78/', '/guides/x'],
    ['/guides/%2578/', '/guides/x'],
    ['/%E4%B8%AD/', '/中'],
    ['/_astro/Index.AbC123.css', '/_astro/Index.AbC123.css'],
    ['/pagefind/index/zh-cn_AbC.pf_index', '/pagefind/index/zh-cn_AbC.pf_index'],
  ])('%s -> %s', (raw, expected) => {
    const result = normalizePath(raw);
    expect(result.ok && result.path).toBe(expected);
  });

  it.each([
    ['/../etc/passwd', '".."'],
    ['/guides/%2e%2e/%2e%2e/x', '".."'],
    ['/guides/%252e%252e/x', '".."'],
    ['/guides/..%2fprivate', '".."'],
    ['/guides\\..\\x', 'backslash'],
    ['/guides/%5c/x', 'backslash'],
    ['/guides/x%00.html', 'NUL'],
    ['/guides/%E4%B8', 'percent-escape'],
    ['/x/%25252525252e', 'encoded too many times'],
  ])('refuses %s', (raw, reason) => {
    const result = normalizePath(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});
