import { signal } from '@preact/signals';
import { formatMessage } from './message-format.ts';
import { digitsOf } from '#shared/trust-fund/minor-units.ts';
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };

/**
 * Every string the pages show comes from a message catalogue (web/src/i18n/<language>.json). A
 * language is added by adding its catalogue here: Spanish, Arabic (right to left), Chinese and
 * Russian need no change to the pages. A key missing from a catalogue falls back to English.
 */
export const catalogues = { en, fr } as const;

export type LanguageCode = keyof typeof catalogues;
/** The staff console's keys: its catalogues (web/src/i18n/staff/) load with its pages only, through addMessages. */
type StaffKey = keyof typeof import('./staff/messages.ts').staffEnglish;
export type MessageKey = keyof typeof en | StaffKey;
type Messages = Partial<Record<MessageKey, string>>;
const added: Record<LanguageCode, Messages> = { en: {}, fr: {} };

/** More messages for a part of the site that loads them with its own code (the staff console). */
export function addMessages(messages: Record<LanguageCode, Messages>): void {
  for (const code of Object.keys(added) as LanguageCode[]) Object.assign(added[code], messages[code]);
}
const rightToLeft = new Set<string>(['ar', 'he', 'fa', 'ur']);

const stored = (): LanguageCode => {
  const saved = globalThis.localStorage?.getItem('language');
  if (saved && saved in catalogues) return saved as LanguageCode;
  const browser = globalThis.navigator?.language?.slice(0, 2);
  return browser && browser in catalogues ? (browser as LanguageCode) : 'en';
};

export const language = signal<LanguageCode>(stored());

export function setLanguage(code: LanguageCode): void {
  language.value = code;
  globalThis.localStorage?.setItem('language', code);
  document.documentElement.lang = code;
  document.documentElement.dir = rightToLeft.has(code) ? 'rtl' : 'ltr';
}

/** The message in the current language (in English where the catalogue lacks it), its placeholders and plurals filled (message-format.ts). */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  const own = (catalogues[language.value] as Messages)[key] ?? added[language.value][key];
  const template = own ?? (en as Messages)[key] ?? added.en[key] ?? key;
  return formatMessage(template, values, own === undefined || language.value === 'en' ? 'en-GB' : language.value);
}

/** The locale dates and numbers are written in: the UN writes English the British way (18 June 2018). */
export const locale = () => (language.value === 'en' ? 'en-GB' : language.value);
export const formatDate = (isoDate: string) => new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
export const formatInstant = (instant: string, timeZone = 'UTC') =>
  new Intl.DateTimeFormat(locale(), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(instant));
/**
 * An amount of money (its exact decimal text) in the current language's notation, with the currency's
 * own decimals (ISO 4217: JPY none, BHD three), not the browser's; a code the browser does not know is shown as given.
 */
export const formatMoney = (money: { amount: string; currency: string }) => {
  const digits = digitsOf(money.currency);
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency: money.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(money.amount as Intl.StringNumericLiteral);
  } catch {
    return `${money.amount} ${money.currency}`;
  }
};
export const formatPercent = (share: number, maximumFractionDigits = 0) => new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits }).format(share);
export const formatTime = (instant: string) => new Date(instant).toLocaleTimeString(locale());
