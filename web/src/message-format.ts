/**
 * The messages' format: ICU MessageFormat's placeholders and plurals, which translators know.
 * `{name}` is replaced by its value; `{count, plural, =0 {none} one {# seat} other {# seats}}`
 * picks an exact match, else the language's plural category (Intl.PluralRules: Arabic's six,
 * Russian's three, French counting 0 as one), else `other`, with # as the number. A plural's
 * text may hold placeholders and plurals of its own. (intl-messageformat does all of ICU, but adds
 * 14 KB compressed to every page for what these catalogues need of it.)
 */
const rules = new Map<string, Intl.PluralRules>();
const pluralStart = /\{(\w+),\s*plural,/g;

function pluralOptions(template: string, from: number): { options: Map<string, string>; end: number } {
  const options = new Map<string, string>();
  let at = from;
  for (;;) {
    while (/\s/.test(template[at] ?? '')) at += 1;
    if (template[at] === '}' || at >= template.length) return { options, end: at + 1 };
    const selector = /^(=\d+|\w+)\s*\{/.exec(template.slice(at));
    if (!selector) throw new Error(`Malformed plural at ${at} in: ${template}`);
    at += selector[0].length;
    let depth = 1;
    const textStart = at;
    for (; at < template.length && depth > 0; at += 1) depth += template[at] === '{' ? 1 : template[at] === '}' ? -1 : 0;
    if (depth > 0) throw new Error(`Unclosed plural option in: ${template}`);
    options.set(selector[1]!, template.slice(textStart, at - 1));
  }
}

/** # is the number of the plural it stands in, not of one nested in it. */
function numberFor(text: string, number: string): string {
  let depth = 0;
  let out = '';
  for (const character of text) {
    depth += character === '{' ? 1 : character === '}' ? -1 : 0;
    out += character === '#' && depth === 0 ? number : character;
  }
  return out;
}

export function formatMessage(template: string, values: Record<string, string | number>, locale: string): string {
  let result = '';
  let from = 0;
  for (const match of template.matchAll(pluralStart)) {
    if (match.index < from) continue;
    const { options, end } = pluralOptions(template, match.index + match[0].length);
    const count = Number(values[match[1]!]);
    let rule = rules.get(locale);
    if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)));
    const chosen = options.get(`=${count}`) ?? options.get(rule.select(count)) ?? options.get('other') ?? '';
    result += template.slice(from, match.index) + formatMessage(numberFor(chosen, new Intl.NumberFormat(locale).format(count)), values, locale);
    from = end;
  }
  result += template.slice(from);
  return result.replace(/\{(\w+)\}/g, (placeholder, name: string) => (values[name] === undefined ? placeholder : String(values[name])));
}
