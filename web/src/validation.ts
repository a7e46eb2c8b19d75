import { formatInstant, t, type MessageKey } from './i18n.ts';

/**
 * The API's own field messages (its zod schemas' and its use cases'), which the pages show beside
 * the fields: each is matched here to a catalogue key, so that the message appears in the page's
 * language. zod's generic messages (too short, not an e-mail address…) are translated by its locales
 * (form.tsx). A message not listed is shown as the API wrote it; tests/unit/web-catalogues.test.ts
 * checks that every message listed here still occurs in shared/.
 */
export const schemaMessages: readonly (readonly [string | RegExp, MessageKey])[] = [
  ['is required', 'validation.required'],
  ['is not a field of this request', 'validation.unknownField'],
  ['is listed twice', 'validation.listedTwice'],
  ['must be in the future', 'validation.future'],
  ['must not be in the future', 'validation.notFuture'],
  ['must be an ISO 3166-1 alpha-3 code in capitals, such as MEX', 'validation.countryCode'],
  ['is required when wishesToSpeak is true', 'validation.speakingTopic'],
  ['is required to reject (the applicant is told)', 'validation.reasonToReject'],
  ['is required to decline', 'validation.reasonToDecline'],
  ['is required to waitlist', 'validation.reasonToWaitlist'],
  ['must be an ISO 4217 currency code in capitals, such as USD or EUR', 'validation.currency'],
  ['must be more than 0', 'validation.positive'],
  ['must be a decimal number such as 2500.50', 'validation.decimalNumber'],
  [/^must have at most (?<digits>\d+) decimals for (?<currency>[A-Z]{3})$/, 'validation.decimalsFor'],
  [/^must be a whole number for (?<currency>[A-Z]{3}), which has no minor unit$/, 'validation.wholeNumberFor'],
  ['must be one line of text, without control or text-direction characters', 'validation.plainLine'],
  ['is not a State in the Member State registry (GET /member-states)', 'validation.notInRegistry'],
  ['must be a short slug such as ldc-travel', 'validation.slug'],
  ['is required for an earmarked contribution (or send earmarked: false)', 'validation.objectiveRequired'],
  ['is only for an earmarked contribution', 'validation.objectiveOnlyEarmarked'],
  ['is not one of the fund’s objectives (GET /trust-fund)', 'validation.unknownObjective'],
  ['is required to move to contribution-received', 'validation.amountReceived'],
  ['must change the state, add a note or record the amount received', 'validation.inquiryChange'],
  ['must be an address, or an ASCII display name and <address>', 'validation.mailbox'],
  ['end must not be before start', 'validation.endBeforeStart'],
  ['closesAt must be after opensAt', 'validation.closesBeforeOpens'],
  ['must not be after the meeting ends', 'validation.closesAfterMeeting'],
  ['must be YYYY or YYYY-MM', 'validation.period'],
  ['must be an IANA time zone such as Europe/Zurich', 'validation.timeZone'],
  ['has already applied to this call', 'validation.alreadyApplied'],
  [/^must name at most (?<count>\d+)$/, 'validation.representativesAtMost'],
  [/^must hold at most (?<count>\d+)$/, 'validation.seatsAtMost'],
  [/^must be after (?<instant>\S+)$/, 'validation.after'],
  [/^(?<email>\S+) is already registered for this meeting$/, 'validation.alreadyRegistered'],
];

/** A field message from a schema or the API, in the page's language where the catalogue has it. */
export function fieldMessage(message: string): string {
  for (const [source, key] of schemaMessages) {
    if (typeof source === 'string') {
      if (source === message) return t(key);
      continue;
    }
    const match = source.exec(message);
    if (match) {
      const values = { ...match.groups };
      if (values.instant && !Number.isNaN(Date.parse(values.instant))) values.instant = formatInstant(values.instant);
      return t(key, values);
    }
  }
  return message;
}
