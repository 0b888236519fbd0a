/**
 * Seeded prose in English or Chinese, assembled from `vocabulary.ts`. The same seed always gives the
 * same text, so two benchmark runs build byte-identical content.
 */
import { chinese, english, type Vocabulary } from './vocabulary.ts';

/** The two languages of the site, as written in frontmatter `lang`. */
export type Lang = 'zh-CN' | 'en';

/** A seeded random source in [0, 1): mulberry32 over a string hash, small and good enough for text. */
export function seededRandom(seed: string): () => number {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.codePointAt(0)!, 16777619);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes sentences, paragraphs and headings in one language from one random source. */
export class TextWriter {
  readonly lang: Lang;
  readonly random: () => number;
  private readonly vocabulary: Vocabulary;

  constructor(lang: Lang, random: () => number) {
    this.lang = lang;
    this.random = random;
    this.vocabulary = lang === 'en' ? english : chinese;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  /** Any item, uniformly. */
  any<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /**
   * An item skewed towards the start of the list: squaring the draw makes early words far more
   * common than late ones, roughly like word frequencies in real prose.
   */
  skewed<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() ** 2 * items.length)]!;
  }

  sentence(): string {
    const { nouns, verbs, adjectives, adverbs, templates } = this.vocabulary;
    const slots: Record<string, string[]> = { N: nouns, V: verbs, A: adjectives, D: adverbs };
    const text = this.any(templates).replace(/\{([NVAD])\}/g, (_, slot: string) => this.skewed(slots[slot]!));
    return this.lang === 'en' ? text.replace(/\b([Aa]) ([aeiou])/g, (_, article: string, vowel: string) => `${article}n ${vowel}`) : text;
  }

  paragraph(min = 3, max = 6): string {
    const count = this.int(min, max);
    return Array.from({ length: count }, () => this.sentence()).join(this.lang === 'en' ? ' ' : '');
  }

  /** A short phrase for headings, titles and table cells. */
  phrase(min = 2, max = 4): string {
    const { nouns, adjectives, verbs } = this.vocabulary;
    const parts = [this.any(verbs), this.any(adjectives), ...Array.from({ length: this.int(min, max) - 2 }, () => this.any(nouns)), this.any(nouns)];
    if (this.lang === 'zh-CN') return parts.slice(0, -2).join('') + parts.at(-2) + '的' + parts.at(-1);
    const text = parts.join(' ');
    return text[0]!.toUpperCase() + text.slice(1);
  }

  /** A sentence cut to fit a length limit (descriptions, alt text, titles). */
  clipped(limit: number): string {
    const text = this.sentence();
    return text.length <= limit ? text : text.slice(0, limit - 1).trimEnd() + (this.lang === 'en' ? '.' : '。');
  }
}

/**
 * Words in a piece of text. Chinese has no spaces; counting two Han characters as one word matches
 * how Chinese word segmenters (and Pagefind) split typical prose.
 */
export function countWords(text: string, lang: Lang): number {
  if (lang === 'en') return text.split(/\s+/).filter(Boolean).length;
  return Math.round((text.match(/\p{Script=Han}/gu)?.length ?? 0) / 2);
}
