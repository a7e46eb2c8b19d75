/**
 * Every entity's keys, built in one place. An item's own key is pk/sk; the GSIs serve the
 * listings. Changing a prefix here changes it everywhere, so never spell a key elsewhere.
 */
export interface ItemKey {
  pk: string;
  sk: string;
}

export const keys = {
  meeting: (meetingId: string): ItemKey => ({ pk: `MEETING#${meetingId}`, sk: 'MEETING' }),
  /** The public catalogue, in date order: gsi1 partition MEETINGS, sorted by when it happens. */
  meetingCatalogue: (sortDate: string, meetingId: string) => ({ gsi1pk: 'MEETINGS', gsi1sk: `${sortDate}#${meetingId}` }),
  meetingCatalogueIndex: { indexName: 'gsi1', partition: 'MEETINGS' },
  meetingChange: (meetingId: string, changedAt: string, changeId: string): ItemKey => ({
    pk: `MEETING#${meetingId}`,
    sk: `CHANGE#${changedAt}#${changeId}`,
  }),
  /** Changes registrants have not been told of yet: gsi2, removed once they have. */
  meetingChangeNotice: (changedAt: string, changeId: string) => ({ gsi2pk: 'MEETING_CHANGES_TO_NOTIFY', gsi2sk: `${changedAt}#${changeId}` }),
  meetingChangeNoticeIndex: { indexName: 'gsi2', partition: 'MEETING_CHANGES_TO_NOTIFY' },
  meetingChangePrefix: (meetingId: string) => ({ pk: `MEETING#${meetingId}`, skPrefix: 'CHANGE#' }),

  memberState: (code: string): ItemKey => ({ pk: `MEMBER_STATE#${code}`, sk: 'MEMBER_STATE' }),
  /** The registry in name order: gsi1 partition MEMBER_STATES. */
  memberStateDirectory: (sortName: string, code: string) => ({ gsi1pk: 'MEMBER_STATES', gsi1sk: `${sortName}#${code}` }),
  memberStateDirectoryIndex: { indexName: 'gsi1', partition: 'MEMBER_STATES' },

  organisation: (organisationId: string): ItemKey => ({ pk: `ORGANISATION#${organisationId}`, sk: 'ORGANISATION' }),
  /** Finds an organisation by name and country (organisationMatchKey); also the uniqueness guard for it. */
  organisationMatch: (matchKey: string): ItemKey => ({ pk: `ORGANISATION_NAME#${matchKey}`, sk: 'ORGANISATION_NAME' }),
  /** One list staff import (ecosoc, nhri): the entity an import's audit entries are kept with. */
  organisationImport: (list: string): ItemKey => ({ pk: `IMPORT#${list}`, sk: 'IMPORT' }),

  registration: (registrationId: string): ItemKey => ({ pk: `REGISTRATION#${registrationId}`, sk: 'REGISTRATION' }),
  /** A meeting's registrations in the order they came: gsi1. */
  meetingRegistrations: (meetingId: string, createdAt: string, registrationId: string) => ({ gsi1pk: `MEETING_REGISTRATIONS#${meetingId}`, gsi1sk: `${createdAt}#${registrationId}` }),
  meetingRegistrationsIndex: { indexName: 'gsi1', partition: (meetingId: string) => `MEETING_REGISTRATIONS#${meetingId}` },
  /** The waiting list of a meeting, first come first promoted: gsi2, only while waitlisted. */
  waitlist: (meetingId: string, createdAt: string, registrationId: string) => ({ gsi2pk: `WAITLIST#${meetingId}`, gsi2sk: `${createdAt}#${registrationId}` }),
  waitlistIndex: { indexName: 'gsi2', partition: (meetingId: string) => `WAITLIST#${meetingId}` },
  /** Guards in the meeting's partition: one person registers once; an organisation's count; the places taken. */
  meetingPerson: (meetingId: string, email: string): ItemKey => ({ pk: `MEETING#${meetingId}`, sk: `PERSON#${email}` }),
  meetingOrganisation: (meetingId: string, organisationId: string): ItemKey => ({ pk: `MEETING#${meetingId}`, sk: `ORGANISATION#${organisationId}` }),
  /** The speakers shortlist and the published final list, in the meeting's partition. */
  speaker: (meetingId: string, speakerId: string): ItemKey => ({ pk: `MEETING#${meetingId}`, sk: `SPEAKER#${speakerId}` }),
  speakerPrefix: (meetingId: string) => ({ pk: `MEETING#${meetingId}`, skPrefix: 'SPEAKER#' }),
  publishedSpeakers: (meetingId: string): ItemKey => ({ pk: `MEETING#${meetingId}`, sk: 'SPEAKERS_PUBLISHED' }),
  /** That a meeting's registration closed at this instant: a window staff extend closes again later. */
  registrationClosed: (meetingId: string, closesAt: string): ItemKey => ({ pk: `MEETING#${meetingId}`, sk: `REGISTRATION_CLOSED#${closesAt}` }),
  meetingPlaces: (meetingId: string): ItemKey => ({ pk: `MEETING#${meetingId}`, sk: 'PLACES' }),

  accreditationStage: (stage: string): ItemKey => ({ pk: `ACCREDITATION_STAGE#${stage}`, sk: 'SETTINGS' }),
  application: (applicationId: string): ItemKey => ({ pk: `APPLICATION#${applicationId}`, sk: 'APPLICATION' }),
  /** A stage's applications in arrival order: gsi1. */
  stageApplications: (stage: string, createdAt: string, applicationId: string) => ({ gsi1pk: `STAGE_APPLICATIONS#${stage}`, gsi1sk: `${createdAt}#${applicationId}` }),
  stageApplicationsIndex: { indexName: 'gsi1', partition: (stage: string) => `STAGE_APPLICATIONS#${stage}` },
  /** One application per organisation (name and country) per stage. */
  stageApplicant: (stage: string, matchKey: string): ItemKey => ({ pk: `ACCREDITATION_STAGE#${stage}`, sk: `APPLICANT#${matchKey}` }),

  /** A list of applicants circulated to Member States on a non-objection basis, newest first on gsi1. */
  circulation: (circulationId: string): ItemKey => ({ pk: `CIRCULATION#${circulationId}`, sk: 'CIRCULATION' }),
  circulationCatalogue: (createdAt: string, circulationId: string) => ({ gsi1pk: 'CIRCULATIONS', gsi1sk: `${createdAt}#${circulationId}` }),
  circulationCatalogueIndex: { indexName: 'gsi1', partition: 'CIRCULATIONS' },
  /** Circulations waiting for their deadline (circulated) or being closed (closing), by deadline, on gsi2. */
  circulationQueue: (state: 'circulated' | 'closing', deadline: string, circulationId: string) => ({ gsi2pk: `CIRCULATIONS_${state.toUpperCase()}`, gsi2sk: `${deadline}#${circulationId}` }),
  circulationQueueIndex: { indexName: 'gsi2', partition: (state: 'circulated' | 'closing') => `CIRCULATIONS_${state.toUpperCase()}` },
  /** One name on the list, in the list's partition. */
  circulationEntry: (circulationId: string, applicationId: string): ItemKey => ({ pk: `CIRCULATION#${circulationId}`, sk: `ENTRY#${applicationId}` }),
  circulationEntryPrefix: (circulationId: string) => ({ pk: `CIRCULATION#${circulationId}`, skPrefix: 'ENTRY#' }),
  /** A Member State's objection to one name: standing or withdrawn. Prefix by State for its ballot. */
  objection: (circulationId: string, memberState: string, applicationId: string): ItemKey => ({ pk: `CIRCULATION#${circulationId}`, sk: `OBJECTION#${memberState}#${applicationId}` }),
  objectionPrefix: (circulationId: string, memberState?: string) => ({ pk: `CIRCULATION#${circulationId}`, skPrefix: memberState ? `OBJECTION#${memberState}#` : 'OBJECTION#' }),
  /** What a Member State did (objected, withdrew, asked for information), with the confidential basis; gsi1 across lists for the digest. */
  ballotEvent: (circulationId: string, at: string, eventId: string): ItemKey => ({ pk: `CIRCULATION#${circulationId}`, sk: `EVENT#${at}#${eventId}` }),
  ballotEventPrefix: (circulationId: string) => ({ pk: `CIRCULATION#${circulationId}`, skPrefix: 'EVENT#' }),
  ballotEventLog: (at: string, eventId: string) => ({ gsi1pk: 'BALLOT_EVENTS', gsi1sk: `${at}#${eventId}` }),
  ballotEventLogIndex: { indexName: 'gsi1', partition: 'BALLOT_EVENTS' },
  informationRequest: (circulationId: string, requestId: string): ItemKey => ({ pk: `CIRCULATION#${circulationId}`, sk: `REQUEST#${requestId}` }),
  informationRequestPrefix: (circulationId: string) => ({ pk: `CIRCULATION#${circulationId}`, skPrefix: 'REQUEST#' }),
  /** Notices to every mission (circulated, extended, reminder), written in ordered chunks; gsi2 while unfinished. */
  fanOut: (circulationId: string, name: string): ItemKey => ({ pk: `CIRCULATION#${circulationId}`, sk: `FANOUT#${name}` }),
  fanOutQueue: (createdAt: string, circulationId: string, name: string) => ({ gsi2pk: 'FANOUTS_PENDING', gsi2sk: `${createdAt}#${circulationId}#${name}` }),
  fanOutQueueIndex: { indexName: 'gsi2', partition: 'FANOUTS_PENDING' },

  /** A call for steering-committee membership; open and decided calls newest first on gsi1. */
  committeeCall: (callId: string): ItemKey => ({ pk: `SC_CALL#${callId}`, sk: 'CALL' }),
  committeeCallCatalogue: (createdAt: string, callId: string) => ({ gsi1pk: 'SC_CALLS', gsi1sk: `${createdAt}#${callId}` }),
  committeeCallCatalogueIndex: { indexName: 'gsi1', partition: 'SC_CALLS' },
  /** A candidate, their reviews (one per staff reviewer), the one-application-per-address guard and staff's working selection, in the call's partition. */
  candidate: (callId: string, candidateId: string): ItemKey => ({ pk: `SC_CALL#${callId}`, sk: `CANDIDATE#${candidateId}` }),
  candidatePrefix: (callId: string) => ({ pk: `SC_CALL#${callId}`, skPrefix: 'CANDIDATE#' }),
  candidateEmail: (callId: string, email: string): ItemKey => ({ pk: `SC_CALL#${callId}`, sk: `EMAIL#${email}` }),
  review: (callId: string, candidateId: string, reviewer: string): ItemKey => ({ pk: `SC_CALL#${callId}`, sk: `REVIEW#${candidateId}#${reviewer}` }),
  reviewPrefix: (callId: string) => ({ pk: `SC_CALL#${callId}`, skPrefix: 'REVIEW#' }),
  committeeSelection: (callId: string): ItemKey => ({ pk: `SC_CALL#${callId}`, sk: 'SELECTION' }),
  /** A member of the steering committee; found by address (to keep members off hearing speakers lists), all on gsi1. */
  member: (memberId: string): ItemKey => ({ pk: `SC_MEMBER#${memberId}`, sk: 'MEMBER' }),
  memberEmail: (email: string): ItemKey => ({ pk: `SC_MEMBER_EMAIL#${email}`, sk: 'MEMBER_EMAIL' }),
  memberDirectory: (since: string, memberId: string) => ({ gsi1pk: 'SC_MEMBERS', gsi1sk: `${since}#${memberId}` }),
  memberDirectoryIndex: { indexName: 'gsi1', partition: 'SC_MEMBERS' },
  /** A member's recommendation of a representative as a speaker, in the meeting's partition. */
  recommendation: (meetingId: string, speakerId: string, memberId: string): ItemKey => ({ pk: `MEETING#${meetingId}`, sk: `RECOMMENDATION#${speakerId}#${memberId}` }),
  recommendationPrefix: (meetingId: string) => ({ pk: `MEETING#${meetingId}`, skPrefix: 'RECOMMENDATION#' }),

  /** The voluntary trust fund's details (objectives, contacts, the arrangement), as staff set them. */
  trustFund: (): ItemKey => ({ pk: 'TRUST_FUND', sk: 'SETTINGS' }),
  /** A donor's inquiry; all newest first on gsi1; those not closed on gsi2 by when staff last changed them. */
  inquiry: (inquiryId: string): ItemKey => ({ pk: `INQUIRY#${inquiryId}`, sk: 'INQUIRY' }),
  inquiryCatalogue: (createdAt: string, inquiryId: string) => ({ gsi1pk: 'INQUIRIES', gsi1sk: `${createdAt}#${inquiryId}` }),
  inquiryCatalogueIndex: { indexName: 'gsi1', partition: 'INQUIRIES' },
  openInquiry: (updatedAt: string, inquiryId: string) => ({ gsi2pk: 'INQUIRIES_OPEN', gsi2sk: `${updatedAt}#${inquiryId}` }),
  openInquiryIndex: { indexName: 'gsi2', partition: 'INQUIRIES_OPEN' },


  /** One audit entry per staff change, kept with the entity it is about. */
  audit: (entityKey: ItemKey, at: string, auditId: string): ItemKey => ({ pk: entityKey.pk, sk: `AUDIT#${at}#${auditId}` }),

  notification: (notificationId: string): ItemKey => ({ pk: `NOTIFICATION#${notificationId}`, sk: 'NOTIFICATION' }),
  /** The outbox queues on gsi2: one partition per state, sorted by when the item is next due (or was last changed). */
  outboxQueue: (state: string, instant: string, notificationId: string) => ({ gsi2pk: `OUTBOX#${state}`, gsi2sk: `${instant}#${notificationId}` }),
  outboxQueueIndex: { indexName: 'gsi2', partition: (state: string) => `OUTBOX#${state}` },

  suppression: (email: string): ItemKey => ({ pk: `SUPPRESSION#${email}`, sk: 'SUPPRESSION' }),
  suppressionList: (email: string) => ({ gsi1pk: 'SUPPRESSIONS', gsi1sk: email }),
  suppressionListIndex: { indexName: 'gsi1', partition: 'SUPPRESSIONS' },

  /** That every link of one thing (a registration's status links, a State's ballot for a list) issued before revokedBefore is withdrawn. */
  linkRevocation: (audience: string, subject: string, holder: string | undefined): ItemKey => ({ pk: `LINKS#${audience}#${subject}`, sk: `REVOKED#${holder ?? '-'}` }),

  /** npm start's staff OpenID provider keeps its sessions, codes and grants here (local/oidc-adapter.ts); never in AWS, where Cognito signs staff in. */
  localSignIn: (model: string, id: string): ItemKey => ({ pk: `OIDC#${model}#${id}`, sk: 'OIDC' }),

  /** How many public submissions one client address or e-mail address (hashed) made in one clock hour (shared/http/rate-limit.ts). */
  submissionCount: (kind: 'client' | 'address', identity: string, hourStart: string): ItemKey => ({ pk: `RATE#${kind}#${identity}`, sk: `HOUR#${hourStart}` }),

  heartbeat: (job: string): ItemKey => ({ pk: 'SYSTEM', sk: `HEARTBEAT#${job}` }),

  /** Powertools Idempotency writes its records with these attribute names (shared/http/idempotency.ts). */
  idempotency: { keyAttribute: 'pk', sortKeyAttribute: 'sk', prefix: 'IDEMPOTENCY#' },
} as const;

/** Strips key attributes from an item read back from the table. */
export function withoutKeys<T extends Record<string, unknown>>(item: T): Omit<T, 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk' | 'expiresAt'> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1p, gsi1sk: _g1s, gsi2pk: _g2p, gsi2sk: _g2s, expiresAt: _ttl, ...rest } = item;
  return rest;
}
