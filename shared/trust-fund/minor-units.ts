// Amounts in minor units, without zod: the pages' shell formats amounts with it and stays light.

/**
 * ISO 4217 List One, each current currency with its minor unit (how many decimals an amount in it
 * has): the maintenance agency's list of 2024-06-25 (as the currency-codes npm package ships it),
 * plus XCG (amendment 176, 2025). Codes without a minor unit (gold, silver, the SDR, bond-market
 * units, XTS, XXX) are not currencies a contribution is paid in, so they are not here.
 */
const codesByDigits: Record<number, string> = {
  0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
  2:
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
    'GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD ' +
    'LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN ' +
    'PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB ' +
    'TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG',
  3: 'BHD IQD JOD KWD LYD OMR TND',
  4: 'CLF UYW',
};
export const currencyDigits: ReadonlyMap<string, number> = new Map(Object.entries(codesByDigits).flatMap(([digits, codes]) => codes.split(' ').map((code) => [code, Number(digits)] as const)));

/** The decimals of a currency; 2 for a code no longer listed (an amount stored before it was withdrawn). */
export const digitsOf = (currency: string) => currencyDigits.get(currency) ?? 2;

/** The largest amount taken, in whole units; lower for a 4-decimal currency, so minor units stay exact integers. */
const maxWhole = (digits: number) => Math.min(1e12, Math.floor(Number.MAX_SAFE_INTEGER / 10 ** digits));

/** Minor units as the exact decimal text with the currency's decimals: (1050, 2) → "10.50", (10, 0) → "10", (-5, 3) → "-0.005". */
export function decimalText(minorUnits: number | bigint, digits: number): string {
  const units = BigInt(minorUnits);
  const digitsText = (units < 0n ? -units : units).toString().padStart(digits + 1, '0');
  const whole = digitsText.slice(0, digitsText.length - digits);
  return `${units < 0n ? '-' : ''}${whole}${digits ? `.${digitsText.slice(-digits)}` : ''}`;
}

/** An amount of money: what is stored, answered and sent in e-mails. */
export interface Money {
  /** Exact, with the currency's decimals: "250000.00", "1500000" (JPY), "12.500" (BHD). */
  amount: string;
  currency: string;
  /** The same amount in the currency's minor unit (cents, or yen for JPY): an integer, so sums are exact. */
  minorUnits: number;
}

export const money = (minorUnits: number, currency: string): Money => ({ amount: decimalText(minorUnits, digitsOf(currency)), currency, minorUnits });

/**
 * An amount as stored. Until amounts were held in minor units an amount was a JSON number; such a
 * value is read as the currency's minor units rounded from it, which is exact for every amount the
 * old "at most 2 decimals" rule let through and is what was shown (10.1 JPY was shown as JPY 10).
 */
export function storedMoney(stored: { amount: unknown; currency: string; minorUnits?: unknown }): Money {
  if (typeof stored.minorUnits === 'number') return money(stored.minorUnits, stored.currency);
  return money(Math.round(Number(stored.amount) * 10 ** digitsOf(stored.currency)), stored.currency);
}

export const amountFormatMessage = 'must be a decimal number such as 2500.50';

/**
 * The exact minor units of an amount typed in whole units, read from its decimal text (never through a
 * float: 0.1 + 0.2 is not 0.3 in binary), or the problem with it. A JSON number is read as the shortest
 * text that gives it back, the text JavaScript prints; trailing zeros ("10.50", "1000.00" JPY) are allowed.
 */
export function toMinorUnits(amount: string | number, currency: string): { minorUnits: number } | { problem: 'format' | 'not-positive' | 'too-large' | 'finer'; digits: number; max: number } {
  const digits = digitsOf(currency);
  const max = maxWhole(digits);
  const refuse = (problem: 'format' | 'not-positive' | 'too-large' | 'finer') => ({ problem, digits, max });
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) return refuse('format');
    if (amount <= 0) return refuse('not-positive');
    if (amount > max) return refuse('too-large');
  }
  const text = String(amount).trim();
  // Exponent form is what String() gives a number below 1e-6: finer than any currency's unit.
  if (typeof amount === 'number' && /e/i.test(text)) return refuse('finer');
  const parts = /^(-?)(\d{1,20})(?:\.(\d{1,40}))?$/.exec(text);
  if (!parts) return refuse('format');
  const [, sign, whole = '', fraction = ''] = parts;
  const significant = fraction.replace(/0+$/, '');
  if (sign === '-' || !/[1-9]/.test(whole + fraction)) return refuse('not-positive');
  if (BigInt(whole) > BigInt(max) || (BigInt(whole) === BigInt(max) && significant !== '')) return refuse('too-large');
  if (significant.length > digits) return refuse('finer');
  const units = BigInt(whole + significant.padEnd(digits, '0'));
  return { minorUnits: Number(units) };
}

/** The message for an amount finer than its currency's minor unit, naming the currency and its decimals. */
export const finerMessage = (currency: string, digits: number) => (digits === 0 ? `must be a whole number for ${currency}, which has no minor unit` : `must have at most ${digits} decimals for ${currency}`);

/** A Money as it is sent again (a checked form sends what the schema gave back): its exact text and currency. */
export const moneyInput = ({ amount, currency }: Money) => ({ amount, currency });
