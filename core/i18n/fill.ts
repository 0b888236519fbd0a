/**
 * The one placeholder filler of every UI string, on the server and in the islands. `{name}` takes
 * `params.name`; `{name|one|other}` picks a plural form of the number `params.name` by the
 * language's rules (Intl.PluralRules of `lang`, English rules when none is given), with `#` standing
 * for the number: '{days|# day|# days}'. Chinese strings need no plural forms and use `{name}` only.
 * A placeholder without a parameter stays as written, so a missing one is visible, not blank.
 */
const rules = new Map<string, Intl.PluralRules>();

function pluralRules(lang: string): Intl.PluralRules {
  let rule = rules.get(lang);
  if (!rule) {
    rule = new Intl.PluralRules(lang);
    rules.set(lang, rule);
  }
  return rule;
}

export function fillTemplate(template: string, params: Record<string, string | number> = {}, lang = 'en'): string {
  return template.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    if (!(name in params)) return whole;
    const value = params[name]!;
    if (one === undefined || other === undefined) return String(value);
    const form = pluralRules(lang).select(Number(value)) === 'one' ? one : other;
    return form.replaceAll('#', String(value));
  });
}
