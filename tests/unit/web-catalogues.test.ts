import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../web/src/message-format.ts';
import { schemaMessages } from '../../web/src/validation.ts';

const i18n = 'web/src/i18n';
const read = (file: string) => JSON.parse(readFileSync(join(i18n, file), 'utf8')) as Record<string, string>;
/** The values a message names: {name} and {count, plural, …}. */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?:\}|\s*,)/g)].map((match) => match[1]!))].sort();
const staffAreas = readdirSync(join(i18n, 'staff'))
  .filter((file) => file.endsWith('.en.json'))
  .map((file) => file.slice(0, -'.en.json'.length));

/** A message formats in its language with every value it names (numbers for all: plurals need them), leaving no brace. */
function expectFormats(text: string, locale: string, key: string) {
  const values = Object.fromEntries(placeholders(text).map((name) => [name, 2]));
  for (const count of [0, 1, 2, 5, 21]) {
    const formatted = formatMessage(text, Object.fromEntries(Object.keys(values).map((name) => [name, count])), locale);
    expect(/[{}#]/.test(formatted), `${key} (${locale}, ${count}): ${formatted}`).toBe(false);
  }
}

/** Every catalogue against its English original: the same keys, nothing empty, the same values named, each formatting. */
function expectComplete(english: Record<string, string>, other: Record<string, string>) {
  expect(Object.keys(other).sort()).toEqual(Object.keys(english).sort());
  for (const [key, text] of Object.entries(english)) {
    expect(text.trim(), key).not.toBe('');
    expect(other[key]?.trim(), key).not.toBe('');
    expect(placeholders(other[key] ?? ''), key).toEqual(placeholders(text));
    expectFormats(text, 'en-GB', key);
    expectFormats(other[key] ?? '', 'fr', key);
  }
}

describe('message catalogues', () => {
  it('French is complete for the public pages', () => {
    expectComplete(read('en.json'), read('fr.json'));
  });

  it.each(staffAreas)('French is complete for the staff console area %s, under staff.*', (area) => {
    const english = read(`staff/${area}.en.json`);
    expectComplete(english, read(`staff/${area}.fr.json`));
    expect(Object.keys(english).filter((key) => !key.startsWith('staff.'))).toEqual([]);
  });

  it('no key is defined twice across catalogues, which would make one silently win', () => {
    const files = ['en.json', ...staffAreas.map((area) => `staff/${area}.en.json`)];
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const file of files) {
      for (const key of Object.keys(read(file))) {
        if (seen.has(key)) twice.push(`${key} in ${seen.get(key)} and ${file}`);
        seen.set(key, file);
      }
    }
    expect(twice).toEqual([]);
  });
});

describe('the API messages the pages translate', () => {
  const sharedText = (function collect(dir: string): string {
    return readdirSync(dir, { withFileTypes: true })
      .map((entry) => (entry.isDirectory() ? collect(join(dir, entry.name)) : entry.name.endsWith('.ts') ? readFileSync(join(dir, entry.name), 'utf8') : ''))
      .join('\n');
  })('shared');
  const english = read('en.json');

  it.each(schemaMessages.map(([source, key]) => [String(source), source, key] as const))('%s still occurs in shared/ and has a catalogue entry', (_name, source, key) => {
    const pieces = typeof source === 'string' ? [source] : source.source.replace(/\(\?<\w+>[^)]*\)/g, '\u0000').replace(/[\^$]/g, '').split('\u0000').filter(Boolean);
    for (const piece of pieces) expect(sharedText.includes(piece), piece).toBe(true);
    expect(english[key]).toBeTruthy();
  });
});
