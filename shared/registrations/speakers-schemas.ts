import * as z from 'zod';
import { EmailAddress, noRepeats } from '#shared/schemas.ts';
import { CountryCode, RegionalGroup } from '#shared/member-states/schemas.ts';
import { StakeholderCategory } from '#shared/meetings/schemas.ts';
import { Gender, RegistrationId } from '#shared/registrations/schemas.ts';

export const SpeakerId = z.string().regex(/^spk_[0-9a-f]{16}$/, 'must be a speaker id such as spk_0123456789abcdef');

/** A representative who asked to speak, put on a meeting's shortlist by staff. */
export const Speaker = z
  .object({
    speakerId: SpeakerId,
    meetingId: z.string(),
    registrationId: RegistrationId,
    name: z.string(),
    email: z.string(),
    organisationName: z.string(),
    category: StakeholderCategory,
    country: CountryCode,
    regionalGroup: RegionalGroup.nullable(),
    gender: Gender,
    topic: z.string().nullable(),
    shortlistedBy: z.string(),
    shortlistedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Speaker' });
export type Speaker = z.infer<typeof Speaker>;

export const ShortlistSpeaker = z.object({ registrationId: RegistrationId, email: EmailAddress }).strict().meta({ id: 'ShortlistSpeaker' });

export const SpeakersList = z
  .object({
    meetingId: z.string(),
    /** The final list, in speaking order; what the public sees once published. */
    speakers: z.array(Speaker.pick({ speakerId: true, name: true, organisationName: true, country: true, topic: true })),
    publishedAt: z.iso.datetime({ offset: true }).nullable(),
    publishedBy: z.string().nullable(),
  })
  .meta({ id: 'SpeakersList' });
export type SpeakersList = z.infer<typeof SpeakersList>;

export const PublishSpeakers = z
  .object({ speakerIds: z.array(SpeakerId).min(1).max(200).superRefine(noRepeats((id) => id, 'repeats a speaker')) })
  .strict()
  .meta({ id: 'PublishSpeakers', description: 'The final list, in speaking order: every id must be on the shortlist' });
