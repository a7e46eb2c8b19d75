import * as z from 'zod';
import { CountryCode } from '#shared/member-states/schemas.ts';
import { NameText } from '#shared/schemas.ts';
import type { StakeholderCategory } from '#shared/meetings/schemas.ts';

/** Who registers (DOMAIN.md section 2). */
export const organisationTypes = [
  'ngo',
  'civil-society-organisation',
  'academic-institution',
  'private-sector',
  'diaspora-organisation',
  'migrant-organisation',
  'nhri',
] as const;
export const OrganisationType = z.enum(organisationTypes).meta({ id: 'OrganisationType' });
export type OrganisationType = z.infer<typeof OrganisationType>;

export const accreditationStages = ['preparatory-process', 'intergovernmental-conference'] as const;
export const AccreditationStage = z.enum(accreditationStages).meta({ id: 'AccreditationStage' });
export type AccreditationStage = z.infer<typeof AccreditationStage>;

/**
 * Why an organisation may take part: ECOSOC consultative status (from the imported ECOSOC list),
 * special accreditation for a stage (granted by the non-objection procedure), NHRI compliant with
 * the Paris Principles (from the imported NHRI list), or none yet.
 */
export const Accreditation = z
  .discriminatedUnion('basis', [
    z.object({ basis: z.literal('ecosoc-consultative-status'), ecosocStatus: z.enum(['general', 'special', 'roster']) }),
    z.object({ basis: z.literal('special-accreditation'), stages: z.array(AccreditationStage).min(1) }),
    z.object({ basis: z.literal('nhri'), parisPrinciplesStatus: z.literal('A') }),
    z.object({ basis: z.literal('none') }),
  ])
  .meta({ id: 'Accreditation' });
export type Accreditation = z.infer<typeof Accreditation>;

export const OrganisationId = z.string().regex(/^org_[\w-]{8,40}$/, 'must be an organisation id such as org_3f9a1c2b7d');

export const NewOrganisation = z
  .object({
    name: NameText(2, 300),
    country: CountryCode.meta({ description: 'Country of headquarters, ISO 3166-1 alpha-3' }),
    website: z.url({ protocol: /^https?$/ }).max(500).nullable().default(null),
    type: OrganisationType,
  })
  .strict()
  .meta({ id: 'NewOrganisation' });
export type NewOrganisation = z.infer<typeof NewOrganisation>;

export const Organisation = z
  .object({
    organisationId: OrganisationId,
    name: z.string(),
    country: CountryCode,
    website: z.string().nullable(),
    type: OrganisationType,
    accreditation: Accreditation,
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof Organisation>;

/** Name and country identify an organisation across lists and registrations: case, accents and punctuation aside. */
export const organisationMatchKey = (name: string, country: string) =>
  `${country}#${name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()}`;

/** The meeting category an accreditation counts as, for a meeting of this stage; null if none. */
export function categoryFor(accreditation: Accreditation, stage: AccreditationStage): StakeholderCategory | null {
  switch (accreditation.basis) {
    case 'ecosoc-consultative-status':
      return 'ecosoc-consultative-status';
    case 'nhri':
      return 'nhri';
    case 'special-accreditation':
      return accreditation.stages.includes(stage) ? 'special-accreditation' : null;
    case 'none':
      return null;
  }
}

/** The lists staff import (DOMAIN.md section 2): organisations in ECOSOC consultative status, and NHRIs compliant with the Paris Principles. */
export const OrganisationList = z.enum(['ecosoc', 'nhri']).meta({ id: 'OrganisationList' });
export type OrganisationList = z.infer<typeof OrganisationList>;

export const RejectedRow = z
  .object({
    line: z.number().int().meta({ description: 'Line of the file where the row starts; the header is line 1' }),
    field: z.string().meta({ description: "The column at fault, or 'row' for the row as a whole" }),
    message: z.string(),
  })
  .meta({ id: 'RejectedRow' });
export type RejectedRow = z.infer<typeof RejectedRow>;

export const ImportReport = z
  .object({
    created: z.number().int(),
    updated: z.number().int().meta({ description: 'Organisations known already whose accreditation the list changed' }),
    unchanged: z.number().int(),
    rejected: z.array(RejectedRow).meta({ description: 'Rows not imported, in file order; every other row was' }),
  })
  .meta({ id: 'OrganisationImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;
