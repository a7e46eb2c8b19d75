import * as z from 'zod';
import { EmailAddress, NameText, noRepeats } from '#shared/schemas.ts';
import { Language } from '#shared/email/schemas.ts';
import { CountryCode, RegionalGroup } from '#shared/member-states/schemas.ts';
import { MeetingId, StakeholderCategory } from '#shared/meetings/schemas.ts';
import { Gender } from '#shared/registrations/schemas.ts';
import { Speaker, SpeakerId } from '#shared/registrations/speakers-schemas.ts';
import { AgeBracket, Constituency } from '#shared/steering-committee/slate.ts';

const Instant = z.iso.datetime({ offset: true });

export const CallId = z.string().regex(/^call_[0-9a-f]{16}$/, 'must be a call id such as call_0123456789abcdef');
export const CandidateId = z.string().regex(/^cand_[0-9a-f]{16}$/, 'must be a candidate id such as cand_0123456789abcdef');
export const MemberId = z.string().regex(/^mem_[0-9a-f]{16}$/, 'must be a member id such as mem_0123456789abcdef');

export const CreateCallBody = z
  .object({
    title: NameText(5, 200),
    description: z.string().trim().min(20).max(5000),
    constituencies: z.array(Constituency).min(1).superRefine(noRepeats((value) => value, 'is listed twice')).meta({ description: 'The constituencies sought' }),
    seats: z.number().int().min(1).max(100),
    deadline: Instant,
    maxApplications: z.number().int().min(1).max(100_000).nullable().default(null).meta({ description: 'Applications accepted at most; null for no limit' }),
  })
  .strict()
  .meta({ id: 'CreateSteeringCommitteeCall' });
export type CreateCallBody = z.infer<typeof CreateCallBody>;

/** open: taking applications until its deadline; decided: members chosen, read-only. */
export const CallState = z.enum(['open', 'decided']).meta({ id: 'SteeringCommitteeCallState' });
export const Call = z
  .object({
    callId: CallId,
    title: z.string(),
    description: z.string(),
    constituencies: z.array(Constituency),
    seats: z.number().int(),
    deadline: Instant,
    maxApplications: z.number().int().nullable(),
    applications: z.number().int(),
    state: CallState,
    createdAt: Instant,
    decidedAt: Instant.nullable(),
    version: z.number().int().positive(),
  })
  .meta({ id: 'SteeringCommitteeCall' });
export type Call = z.infer<typeof Call>;

export const CandidacyBody = z
  .object({
    name: NameText(2, 200),
    email: EmailAddress,
    organisation: NameText(2, 300),
    constituency: Constituency,
    country: CountryCode,
    gender: Gender,
    ageBracket: AgeBracket,
    expertise: z.string().trim().min(20).max(3000),
    motivation: z.string().trim().min(20).max(3000),
    languages: z.array(NameText(2, 40)).min(1).max(10).superRefine(noRepeats((value) => value.toLowerCase(), 'is listed twice')),
    language: Language.default('en').meta({ description: 'The language of the e-mails to the candidate: the acknowledgement and the decision' }),
  })
  .strict()
  .meta({ id: 'SteeringCommitteeCandidacy' });
export type CandidacyBody = z.infer<typeof CandidacyBody>;

export const Review = z.object({ reviewer: z.string(), score: z.number().int().min(1).max(5), note: z.string().nullable(), at: Instant }).meta({ id: 'CandidateReview' });
export type Review = z.infer<typeof Review>;
export const ReviewBody = z
  .object({ score: z.number().int().min(1).max(5).meta({ description: '1 (weak) to 5 (strong)' }), note: z.string().trim().min(2).max(2000).nullable().default(null) })
  .strict()
  .meta({ id: 'CandidateReviewRequest' });

export const Candidate = z
  .object({
    candidateId: CandidateId,
    callId: CallId,
    ...CandidacyBody.shape,
    regionalGroup: RegionalGroup.nullable(),
    createdAt: Instant,
    decision: z.enum(['selected', 'not-selected']).nullable(),
    decisionReason: z.string().nullable(),
  })
  .meta({ id: 'SteeringCommitteeCandidate' });
export type Candidate = z.infer<typeof Candidate>;
/** A candidacy as its candidate sees it through the acknowledgement's link: no reviews or scores. */
export const CandidacyStatus = Candidate.pick({ candidateId: true, callId: true, name: true, organisation: true, constituency: true, createdAt: true, decision: true, decisionReason: true })
  .extend({ callTitle: z.string(), callDeadline: Instant, callState: CallState })
  .meta({ id: 'SteeringCommitteeCandidacyStatus' });
export type CandidacyStatus = z.infer<typeof CandidacyStatus>;

export const ReviewedCandidate = Candidate.extend({ reviews: z.array(Review), meanScore: z.number().nullable() }).meta({ id: 'ReviewedCandidate' });
export type ReviewedCandidate = z.infer<typeof ReviewedCandidate>;

export const CandidateIds = z.array(CandidateId).max(100).superRefine(noRepeats((id) => id, 'repeats a candidate'));
export const SelectionBody = z.object({ candidateIds: CandidateIds }).strict().meta({ id: 'SteeringCommitteeSelectionRequest' });

const share = z.object({ count: z.number(), share: z.number() });
export const Composition = z
  .object({
    seats: z.number(),
    selected: z.number(),
    byRegionalGroup: z.record(z.string(), share),
    byGender: z.record(z.string(), share),
    byAgeBracket: z.record(z.string(), share),
    byConstituency: z.record(z.string(), share),
    imbalances: z.array(z.object({ kind: z.string(), subject: z.string(), message: z.string() })),
  })
  .meta({ id: 'CommitteeComposition' });
export const Selection = z
  .object({ callId: CallId, candidateIds: z.array(CandidateId), composition: Composition, updatedAt: Instant.nullable(), updatedBy: z.string().nullable() })
  .meta({ id: 'SteeringCommitteeSelection' });
export const Slate = z
  .object({ candidateIds: z.array(CandidateId), composition: Composition, topScored: z.object({ candidateIds: z.array(CandidateId), composition: Composition }) })
  .meta({ id: 'SuggestedSlate', description: 'A slate balanced under the constraints, beside the slate of the highest scores' });

export const DecisionBody = z
  .object({
    candidateIds: CandidateIds.min(1),
    reasons: z.string().trim().min(10).max(5000).meta({ description: 'Why this selection: recorded with it' }),
    candidateReasons: z.record(CandidateId, z.string().trim().min(3).max(1000)).default({}).meta({ description: 'A reason per candidate, sent to that candidate' }),
  })
  .strict()
  .meta({ id: 'SteeringCommitteeDecision' });
export type DecisionBody = z.infer<typeof DecisionBody>;

export const Member = z
  .object({
    memberId: MemberId,
    callId: CallId,
    candidateId: CandidateId,
    name: z.string(),
    email: z.string(),
    organisation: z.string(),
    constituency: Constituency,
    country: CountryCode,
    regionalGroup: RegionalGroup.nullable(),
    gender: Gender,
    ageBracket: AgeBracket,
    since: Instant,
  })
  .meta({ id: 'SteeringCommitteeMember' });
export type Member = z.infer<typeof Member>;

export const DecisionResult = z
  .object({ call: Call, selected: z.array(Member), notSelected: z.number().int() })
  .meta({ id: 'SteeringCommitteeDecisionResult' });

/** What a member sees of a representative who asked to speak: nothing but this. */
export const SpeakingCandidate = z
  .object({
    speakerId: SpeakerId,
    name: z.string(),
    organisationName: z.string(),
    category: StakeholderCategory,
    country: CountryCode,
    topic: z.string().nullable(),
    recommendedByYou: z.boolean(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'SpeakingCandidate' });
export const RecommendBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict().meta({ id: 'SpeakerRecommendation' });

export const MemberPage = z
  .object({
    member: Member.omit({ email: true }),
    meetings: z.array(z.object({ meetingId: MeetingId, title: z.string(), kind: z.string(), dates: z.unknown().nullable(), speakingCandidates: z.number().int(), recommendedByYou: z.number().int() })),
  })
  .meta({ id: 'SteeringCommitteeMemberPage' });

/** Staff's view when building a speakers list: every representative who asked to speak, with the members' recommendations. */
export const StaffSpeakingCandidate = Speaker.omit({ meetingId: true, shortlistedBy: true, shortlistedAt: true })
  .extend({
    registrationState: z.string(),
    shortlisted: z.boolean(),
    steeringCommitteeMember: z.boolean(),
    excludedAsHearingSpeaker: z.boolean().meta({ description: 'A committee member at a hearing: never shortlisted' }),
    recommendations: z.array(z.object({ memberId: MemberId, memberName: z.string(), reason: z.string(), at: Instant })),
  })
  .meta({ id: 'StaffSpeakingCandidate' });
