import { describe, expect, it } from 'vitest';
import { commentStrings } from '../../core/i18n/comments.ts';
import { dictionaries, translate } from '../../core/i18n/index.ts';

/** Every Chinese UI string: the site dictionary and the discussion words. */
const chinese: [string, string][] = [
  ...Object.entries(dictionaries['zh-CN']),
  ...Object.entries(commentStrings['zh-CN']).map(([key, text]) => [`comments.${key}`, String(text)] as [string, string]),
];

const cjk = '[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’]';
/** An ASCII , : ; ! ? written after a Chinese character (or between two), e.g. "林悦, 陈默", "点击加载视频: {title}". */
const asciiPunctuation = new RegExp(`${cjk}\\s*[,:;!?](?=\\s|${cjk}|\\{|$)|[,:;!?]\\s*${cjk}`, 'u');
/** A space after full-width punctuation, e.g. "开放。 成为付费会员". */
const spaceAfterFullWidth = /[。！？；：，、]\s+\S/u;

/** What the scan finds in `entries`. */
function problems(entries: [string, string][]): string[] {
  return entries.flatMap(([key, text]) => [
    ...(asciiPunctuation.test(text) ? [`${key}: ASCII punctuation between Chinese words in "${text}"`] : []),
    ...(spaceAfterFullWidth.test(text) ? [`${key}: a space after full-width punctuation in "${text}"`] : []),
  ]);
}

describe('Chinese UI strings', () => {
  it('use full-width punctuation between Chinese words and no space after it', () => {
    expect(chinese.length).toBeGreaterThan(200);
    expect(problems(chinese)).toEqual([]);
  });

  it('the scan catches the mistakes it is for (the scan is not blind)', () => {
    expect(problems([['a', '林悦, 陈默']])).toHaveLength(1);
    expect(problems([['b', '点击加载视频: {title}']])).toHaveLength(1);
    expect(problems([['c', '开放。 成为付费会员']])).toHaveLength(1);
    expect(problems([['d', '提示!']])).toHaveLength(1);
    expect(problems([['e', '支持 Markdown：*强调*、[链接](https://…)']])).toEqual([]);
    expect(problems([['f', '第 {n} 节']])).toEqual([]);
  });

  it('join the paywall’s two sentences without a space in Chinese, with one in English', () => {
    const body = (locale: 'zh-CN' | 'en') =>
      translate(locale, 'gate.bodyWithAccess', { body: translate(locale, 'gate.body'), unlock: translate(locale, 'gate.access.members') });
    expect(body('zh-CN')).toBe(`${translate('zh-CN', 'gate.body')}${translate('zh-CN', 'gate.access.members')}`);
    expect(body('en')).toBe(`${translate('en', 'gate.body')} ${translate('en', 'gate.access.members')}`);
  });
});
