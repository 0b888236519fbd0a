import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../core/i18n/fill.ts';
import { en } from '../../core/i18n/en.ts';
import { zhCN } from '../../core/i18n/zh-CN.ts';
import { translate } from '../../core/i18n/index.ts';

describe('fillTemplate', () => {
  it('fills plain placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('picks the plural form by the language, # standing for the number', () => {
    const template = 'longest {days|# day|# days}';
    expect(fillTemplate(template, { days: 1 })).toBe('longest 1 day');
    expect(fillTemplate(template, { days: 0 })).toBe('longest 0 days');
    expect(fillTemplate(template, { days: 21 })).toBe('longest 21 days');
    expect(fillTemplate('{n|# comment|# comments}', { n: 1 }, 'en')).toBe('1 comment');
  });

  it('makes the English account and check-in lines grammatical', () => {
    expect(translate('en', 'account.streak', { current: 1, longest: 3 })).toBe('Check-in streak: 1 day, longest 3');
    expect(translate('en', 'account.points', { points: 1 })).toBe('1 point');
    expect(translate('en', 'account.pointsLevel', { points: 2, level: 1 })).toBe('2 points · level 1');
  });

  it('leaves no plural syntax in the Chinese dictionary, and every English plural has both forms', () => {
    for (const text of Object.values(zhCN)) expect(text).not.toMatch(/\{\w+\|/);
    for (const text of Object.values(en)) for (const m of text.matchAll(/\{\w+\|([^}]*)\}/g)) expect(m[1]!.split('|')).toHaveLength(2);
  });
});
