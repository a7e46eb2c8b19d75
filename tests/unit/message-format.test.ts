import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../web/src/message-format.ts';

const seats = '{count, plural, =0 {no seats} one {# seat} other {# seats}} for {call}';

describe('formatMessage (the catalogues’ ICU subset)', () => {
  it('fills placeholders and leaves a missing one visible', () => {
    expect(formatMessage('{name} applied to {call}', { name: 'Amina', call: 'SC 2018' }, 'en-GB')).toBe('Amina applied to SC 2018');
    expect(formatMessage('{name} applied to {call}', { name: 'Amina' }, 'en-GB')).toBe('Amina applied to {call}');
  });

  it('chooses an exact match first, then the plural category, with # as the number in the locale', () => {
    expect(formatMessage(seats, { count: 0, call: 'X' }, 'en-GB')).toBe('no seats for X');
    expect(formatMessage(seats, { count: 1, call: 'X' }, 'en-GB')).toBe('1 seat for X');
    expect(formatMessage(seats, { count: 1500, call: 'X' }, 'en-GB')).toBe('1,500 seats for X');
    expect(formatMessage(seats, { count: 1500, call: 'X' }, 'fr')).toBe('1\u202f500 seats for X');
  });

  it('follows each language’s rules: French counts 0 and 1 as one; Arabic has six forms; Russian three', () => {
    const french = '{count, plural, one {# siège} other {# sièges}}';
    expect([0, 1, 2].map((count) => formatMessage(french, { count }, 'fr'))).toEqual(['0 siège', '1 siège', '2 sièges']);
    const arabic = '{count, plural, zero {z} one {o} two {t} few {f} many {m} other {x}}';
    expect([0, 1, 2, 3, 11, 100].map((count) => formatMessage(arabic, { count }, 'ar-u-nu-latn'))).toEqual(['z', 'o', 't', 'f', 'm', 'x']);
    const russian = '{count, plural, one {# место} few {# места} many {# мест} other {# места}}';
    expect([1, 3, 5, 21].map((count) => formatMessage(russian, { count }, 'ru'))).toEqual(['1 место', '3 места', '5 мест', '21 место']);
  });

  it('takes placeholders and plurals inside a plural’s text, and falls back to other', () => {
    const nested = '{count, plural, one {{name} alone} other {{name} and {others, plural, one {# other} other {# others}}}}';
    expect(formatMessage(nested, { count: 1, name: 'Efua', others: 0 }, 'en-GB')).toBe('Efua alone');
    expect(formatMessage(nested, { count: 3, name: 'Efua', others: 2 }, 'en-GB')).toBe('Efua and 2 others');
    expect(formatMessage('{count, plural, other {# names}}', { count: 1 }, 'en-GB')).toBe('1 names');
  });

  it('says where a plural is malformed', () => {
    expect(() => formatMessage('{count, plural, one # seat}', { count: 1 }, 'en-GB')).toThrow(/Malformed plural/);
    expect(() => formatMessage('{count, plural, one {# seat', { count: 1 }, 'en-GB')).toThrow(/Unclosed/);
  });
});
