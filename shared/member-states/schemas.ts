import * as z from 'zod';
import { iso3166Alpha3 } from '#shared/member-states/iso-3166.ts';
import { EmailAddress, NameText, noRepeats } from '#shared/schemas.ts';

/** The UN's five regional groups (DOMAIN.md section 9); null for a State in none of them. */
export const regionalGroups = [
  'african',
  'asia-pacific',
  'eastern-european',
  'latin-american-caribbean',
  'western-european-and-others',
] as const;
export const RegionalGroup = z.enum(regionalGroups).meta({ id: 'RegionalGroup' });
export type RegionalGroup = z.infer<typeof RegionalGroup>;

/**
 * member: one of the 193 Member States; observer-state: a non-member observer State
 * (the Holy See, the State of Palestine); specialized-agency-member: a member of a
 * specialized agency with GA observer status, added by staff (DOMAIN.md section 11).
 */
export const MemberStateStatus = z.enum(['member', 'observer-state', 'specialized-agency-member']).meta({ id: 'MemberStateStatus' });

const countryCodeMessage = 'must be an ISO 3166-1 alpha-3 code in capitals, such as MEX';
/** An assigned ISO 3166-1 alpha-3 code (not only three capitals: ZZZ is none). Organisations' countries must also be in the registry (registryCountry). */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{3}$/, { message: countryCodeMessage, abort: true })
  .refine((code) => iso3166Alpha3.has(code), countryCodeMessage)
  .meta({ example: 'MEX', description: 'ISO 3166-1 alpha-3' });

export const MissionContact = z
  .object({
    email: EmailAddress,
    label: NameText(1, 120).nullable().default(null).meta({ example: 'Permanent Mission, New York' }),
  })
  .meta({ id: 'MissionContact' });
export type MissionContact = z.infer<typeof MissionContact>;

export const MissionContacts = z
  .array(MissionContact)
  .min(1, 'a Member State needs at least one mission address')
  .max(20)
  .superRefine(noRepeats((contact) => contact.email, 'is listed twice', 'email'));

export const PutMissionContactsBody = z.object({ contacts: MissionContacts }).strict().meta({ id: 'PutMissionContacts' });
export type PutMissionContactsBody = z.infer<typeof PutMissionContactsBody>;

export const MemberState = z
  .object({
    code: CountryCode,
    name: z.string().min(2).max(200),
    status: MemberStateStatus,
    regionalGroup: RegionalGroup.nullable(),
    contacts: z.array(MissionContact),
    updatedAt: z.iso.datetime({ offset: true }),
    version: z.number().int().positive(),
  })
  .meta({ id: 'MemberState' });
export type MemberState = z.infer<typeof MemberState>;

/** The shape of one entry in the seed file: contacts are derived from the code at seeding. */
export const MemberStateSeed = MemberState.pick({ code: true, name: true, status: true, regionalGroup: true });
export type MemberStateSeed = z.infer<typeof MemberStateSeed>;
