import * as z from 'zod';
import { amountFormatMessage, currencyDigits, finerMessage, money, storedMoney, toMinorUnits, type Money } from '#shared/trust-fund/minor-units.ts';

export const currencyMessage = 'must be an ISO 4217 currency code in capitals, such as USD or EUR';
export const Currency = z
  .string()
  .refine((code) => currencyDigits.has(code), currencyMessage)
  .meta({ id: 'Currency', example: 'USD', description: 'ISO 4217, with a minor unit (JPY 0 decimals, USD 2, BHD 3)' });

/** What is answered: the exact amount as text, its currency and its minor units. */
export const MoneySchema = z
  .object({
    amount: z.string().meta({ description: 'Exact, with the currency’s decimals (ISO 4217): "250000.00", "1500000" for JPY, "12.500" for BHD', example: '250000.00' }),
    currency: z.string().meta({ example: 'CHF' }),
    minorUnits: z.number().int().meta({ description: 'The amount in the currency’s minor unit (cents; yen for JPY; fils for BHD)', example: 25000000 }),
  })
  .meta({ id: 'MoneyAmount' });

/**
 * What is sent: an amount in whole units, as decimal text (exact; "10.50") or a JSON number, with at
 * most the currency's decimals; it becomes a Money. 10.1 JPY, 100.000000001 USD and 0.30000000000000004
 * USD are refused, naming the currency's decimals.
 */
export const MoneyInput = z
  .object({
    amount: z.union([z.string().max(64), z.number()]).meta({ description: 'In whole units, as decimal text ("250000.50", exact) or a number; at most the currency’s decimals (ISO 4217: JPY 0, CHF 2, BHD 3)', example: '250000.00' }),
    currency: Currency,
  })
  .strict()
  .transform((input, ctx): Money => {
    const read = toMinorUnits(input.amount, input.currency);
    if ('minorUnits' in read) return money(read.minorUnits, input.currency);
    const path = ['amount'];
    if (read.problem === 'format') ctx.addIssue({ code: 'custom', path, message: amountFormatMessage, input: input.amount });
    if (read.problem === 'not-positive') ctx.addIssue({ code: 'custom', path, message: 'must be more than 0', input: input.amount });
    if (read.problem === 'too-large') ctx.addIssue({ code: 'too_big', origin: 'number', maximum: read.max, inclusive: true, path, input: input.amount });
    if (read.problem === 'finer') ctx.addIssue({ code: 'custom', path, message: finerMessage(input.currency, read.digits), input: input.amount });
    return z.NEVER;
  })
  .meta({ id: 'MoneyAmountRequest' });

/** An amount as stored, in either form (see storedMoney): what e-mail data holds, read as a Money. */
export const StoredMoney = z
  .object({ amount: z.union([z.string(), z.number()]), currency: z.string(), minorUnits: z.number().int().optional() })
  .transform((stored) => storedMoney(stored));
