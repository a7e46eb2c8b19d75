import { describe, expect, it } from 'vitest';
import { CountryCode } from '#shared/member-states/schemas.ts';
import { NewOrganisation } from '#shared/organisations/schemas.ts';
import { Representative } from '#shared/registrations/schemas.ts';
import { NameText } from '#shared/schemas.ts';
import { formatMoney, language } from '../../web/src/i18n.ts';
import { fieldMessage } from '../../web/src/validation.ts';

const plainLine = 'must be one line of text, without control or text-direction characters';

describe('names are one plain line', () => {
  it.each([
    ['a carriage return and line feed', 'Amina\r\nBcc: all@example.org'],
    ['a line feed', 'Amina\nDiallo'],
    ['a tab', 'Amina\tDiallo'],
    ['a C1 control (NEL)', 'Amina\u0085Diallo'],
    ['a line separator', 'Amina\u2028Diallo'],
    ['a right-to-left override', 'Amina \u202eollaiD'],
    ['a left-to-right embedding', 'Amina \u202aDiallo\u202c'],
    ['a first-strong isolate', 'Amina \u2068Diallo\u2069'],
  ])('refuses %s', (_what, name) => {
    expect(NameText(2, 200).safeParse(name).error?.issues.map((issue) => issue.message)).toEqual([plainLine]);
  });

  it('keeps names in any script, with accents, apostrophes and the trimmed line break at the end', () => {
    for (const name of ['Côte d’Ivoire Migrants’ Network', 'جمعية المهاجرين', '移民网络', 'Ngũgĩ wa Thiong’o']) expect(NameText(2, 200).parse(name)).toBe(name);
    expect(NameText(2, 200).parse('  Amina Diallo\r\n')).toBe('Amina Diallo');
  });

  it('is the rule of every name field: a representative, an organisation', () => {
    const representative = { name: 'Amina\u202e', email: 'amina@example.org', function: 'Director\nof everything', gender: 'female', nationality: 'SEN' };
    expect(Representative.safeParse(representative).error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['name', plainLine],
      ['function', plainLine],
    ]);
    expect(NewOrganisation.safeParse({ name: 'Network\r\nof Migrants', country: 'SEN', type: 'ngo' }).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['name']);
  });
});

describe('country codes', () => {
  it('are assigned ISO 3166-1 alpha-3 codes, not any three capitals', () => {
    for (const code of ['MEX', 'VAT', 'PSE', 'HKG', 'PRI']) expect(CountryCode.safeParse(code).success).toBe(true);
    for (const code of ['ZZZ', 'XKX', 'AAA', 'mex', 'MX']) expect(CountryCode.safeParse(code).error?.issues.map((issue) => issue.message)).toEqual(['must be an ISO 3166-1 alpha-3 code in capitals, such as MEX']);
  });
});

describe('the pages show amounts with the currency’s own decimals, and its refusals in the page’s language', () => {
  it('formats the exact text with ISO 4217 digits', () => {
    language.value = 'en';
    const formatted = (money: { amount: string; currency: string }) => formatMoney(money).replace(/[\u00a0\u202f]/g, ' ');
    expect(formatMoney({ amount: '1500000', currency: 'JPY' })).toBe('JP¥1,500,000');
    expect(formatted({ amount: '1500.250', currency: 'IQD' })).toBe('IQD 1,500.250');
    expect(formatted({ amount: '12.345', currency: 'BHD' })).toBe('BHD 12.345');
    expect(formatMoney({ amount: '9007199254740993.01', currency: 'USD' })).toBe('US$9,007,199,254,740,993.01');
  });

  it('translates the amount, name and country refusals', () => {
    language.value = 'fr';
    expect(fieldMessage('must have at most 3 decimals for BHD')).toBe('doit avoir au plus 3 décimales en BHD');
    expect(fieldMessage('must be a whole number for JPY, which has no minor unit')).toBe('doit être un nombre entier en JPY, qui n’a pas de subdivision');
    expect(fieldMessage(plainLine)).toBe('doit tenir sur une ligne, sans caractère de contrôle ni de sens d’écriture');
    expect(fieldMessage('is not a State in the Member State registry (GET /member-states)')).toBe('doit être un État Membre ou un État observateur');
    language.value = 'en';
  });
});
