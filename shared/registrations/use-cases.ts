import { randomBytes } from 'node:crypto';
import type { Actor } from '#shared/audit/audit.ts';
import { retryOnVersionClash } from '#shared/db/transactions.ts';
import { enqueueNotification } from '#shared/email/outbox.ts';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '#shared/errors.ts';
import { getMeeting } from '#shared/meetings/use-cases.ts';
import type { Meeting } from '#shared/meetings/schemas.ts';
import { categoryFor, organisationMatchKey, type AccreditationStage, type Organisation } from '#shared/organisations/schemas.ts';
import { findOrganisation, findOrganisationByMatchKey, newOrganisationId, newOrganisationPuts } from '#shared/organisations/store.ts';
import { meetingSummary, stateChangeNotification, statusLink } from '#shared/registrations/messages.ts';
import { movedTo, type OrganisationRegistration, type Registration, type RegistrationBody, type UpdateSpeakingInterest } from '#shared/registrations/schemas.ts';
import * as store from '#shared/registrations/store.ts';
import { promoteFromWaitlist, promotionsFor } from '#shared/registrations/waiting-list.ts';
import { findMemberState, registryCountry } from '#shared/member-states/store.ts';
import { refuseMembersAsHearingSpeakers } from '#shared/steering-committee/membership.ts';

export const parliamentarianAnswer = {
  stored: false as const,
  message:
    'Parliamentarians do not register separately: they take part as members of their national delegation, or in a delegation of the Inter-Parliamentary Union (a Permanent Observer). Please contact your Permanent Mission or the IPU.',
};

const registrant: Actor = { id: 'registrant', role: 'public' };

/** The stage of the process a meeting belongs to, for special accreditation (DOMAIN.md section 11). */
const stageOf = (meeting: Meeting): AccreditationStage => (meeting.kind === 'intergovernmental-conference' ? 'intergovernmental-conference' : 'preparatory-process');

function checkWindow(meeting: Meeting, now: Date): void {
  if (!meeting.registration) throw new ConflictError(`Registration for '${meeting.meetingId}' has not been opened yet`);
  if (now < new Date(meeting.registration.opensAt)) throw new ConflictError(`Registration for '${meeting.meetingId}' opens at ${meeting.registration.opensAt}`);
  if (now >= new Date(meeting.registration.closesAt)) throw new ConflictError(`Registration for '${meeting.meetingId}' closed at ${meeting.registration.closesAt}`);
}

/** An existing organisation (by id, or by name and country), or a new one to create with the registration. */
async function resolveOrganisation(given: OrganisationRegistration['organisation'], now: Date): Promise<{ organisation: Organisation; isNew: boolean }> {
  if ('organisationId' in given) {
    const organisation = await findOrganisation(given.organisationId);
    if (!organisation) throw new ValidationError(`No organisation has the id '${given.organisationId}'`, { fields: [{ field: 'body.organisation.organisationId', message: 'is not a known organisation' }] });
    return { organisation, isNew: false };
  }
  await registryCountry(given.country, 'body.organisation.country');
  const existing = await findOrganisationByMatchKey(organisationMatchKey(given.name, given.country));
  if (existing) return { organisation: existing, isNew: false };
  const at = now.toISOString();
  return { organisation: { organisationId: newOrganisationId(), ...given, accreditation: { basis: 'none' }, createdAt: at, updatedAt: at }, isNew: true };
}

export async function register(meetingId: string, body: RegistrationBody, now: Date) {
  if (body.participantType === 'parliamentarian') return { kind: 'parliamentarian' as const, answer: parliamentarianAnswer };
  const meeting = await getMeeting(meetingId);
  checkWindow(meeting, now);
  const places = body.representatives.length;
  if (places > meeting.representativesPerOrganisation) {
    throw new ValidationError(`'${meetingId}' admits at most ${meeting.representativesPerOrganisation} representatives per organisation; this registration names ${places}`, {
      fields: [{ field: 'body.representatives', message: `must name at most ${meeting.representativesPerOrganisation}` }],
    });
  }
  await refuseMembersAsHearingSpeakers(meeting, body.representatives.filter((person) => person.wishesToSpeak), 'register them without asking to speak');
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const { organisation, isNew } = await resolveOrganisation(body.organisation, now);
    const regionalGroup = (await findMemberState(organisation.country))?.regionalGroup ?? null;
    const category = categoryFor(organisation.accreditation, stageOf(meeting));
    if (!category || !meeting.eligibleCategories.includes(category)) {
      const admitted = meeting.eligibleCategories.length ? meeting.eligibleCategories.join(', ') : 'no stakeholders (Member States only)';
      throw new UnprocessableError(
        `${organisation.name} is not eligible for '${meetingId}', which admits ${admitted}; the organisation has ${category ?? 'no accreditation for this stage'}. Organisations without ECOSOC status can apply for special accreditation.`,
      );
    }
    for (const state of ['pending', 'waitlisted'] as const) {
      const at = now.toISOString();
      const registration: Registration = {
        registrationId: `reg_${randomBytes(8).toString('hex')}`,
        meetingId,
        organisation: { organisationId: organisation.organisationId, name: organisation.name, country: organisation.country, regionalGroup, type: organisation.type, category },
        contact: body.contact,
        representatives: body.representatives,
        places,
        state,
        stateReason: state === 'waitlisted' ? 'The meeting was full, or others were waiting, when this registration arrived' : null,
        ...(state === 'waitlisted' ? { waitingFor: 'place' as const } : {}),
        language: body.language,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      const link = await statusLink(registration, meeting, now);
      const recipients = [...new Set([body.contact.email, ...body.representatives.map((person) => person.email)])];
      const notification = enqueueNotification(
        'registrationReceived',
        {
          to: recipients,
          language: body.language,
          dedupeKey: `registration-received:${registration.registrationId}`,
          data: { contactName: body.contact.name, organisationName: organisation.name, meeting: meetingSummary(meeting), state, representatives: body.representatives.map((person) => ({ name: person.name, wishesToSpeak: person.wishesToSpeak })), statusUrl: link.url },
        },
        now,
      );
      const outcome = await store.insertRegistration(registration, { perOrganisation: meeting.representativesPerOrganisation, capacity: meeting.capacity }, { newOrganisation: isNew ? newOrganisationPuts(organisation) : [], notification, actor: registrant, at: now });
      // Joining the list also catches up on any place left free beside it (after a crash, say).
      const caughtUp = outcome.ok && state === 'waitlisted' && (await promoteFromWaitlist(meeting, now)) > 0;
      const stored = caughtUp ? ((await store.findRegistration(registration.registrationId)) ?? registration) : registration;
      if (outcome.ok) return { kind: 'registered' as const, receipt: { registration: stored, statusUrl: link.url, statusToken: link.token, statusTokenExpiresAt: link.expiresAt.toISOString() } };
      if (outcome.reason === 'person') throw new ConflictError(`${outcome.email} is already registered for '${meetingId}'`, { fields: [{ field: 'body.representatives', message: `${outcome.email} is already registered for this meeting` }] });
      if (outcome.reason === 'organisation-limit') {
        throw new UnprocessableError(`${organisation.name} already has representatives registered for '${meetingId}'; with these ${places} it would have more than the ${meeting.representativesPerOrganisation} the meeting admits`);
      }
      if (outcome.reason === 'organisation-exists') break; // created by someone else meanwhile: resolve it again
      // 'full': no place left for these representatives, or others wait for one: they join the waiting list
    }
  }
  throw new ConflictError(`The registration for '${meetingId}' could not be stored because of concurrent changes; please try again`);
}

export async function getRegistration(registrationId: string): Promise<Registration> {
  const registration = await store.findRegistration(registrationId);
  if (!registration) throw new NotFoundError(`No registration has the id '${registrationId}'`);
  return registration;
}

const finalStates = new Set(['withdrawn', 'declined']);

export function updateSpeakingInterest(registrationId: string, change: UpdateSpeakingInterest, now: Date): Promise<Registration> {
  return retryOnVersionClash(
    async () => {
      const before = await getRegistration(registrationId);
      if (finalStates.has(before.state)) throw new ConflictError(`This registration is ${before.state}; its speaking interest can no longer change`);
      const byEmail = new Map(change.representatives.map((entry) => [entry.email, entry]));
      const unknown = change.representatives.filter((entry) => !before.representatives.some((person) => person.email === entry.email));
      const missingTopic = change.representatives.filter((entry) => entry.wishesToSpeak && !entry.speakingTopic);
      const problems = [
        ...unknown.map((entry) => ({ field: `body.representatives.${change.representatives.indexOf(entry)}.email`, message: 'is not a representative of this registration' })),
        ...missingTopic.map((entry) => ({ field: `body.representatives.${change.representatives.indexOf(entry)}.speakingTopic`, message: 'is required when wishesToSpeak is true' })),
      ];
      if (problems.length) throw new ValidationError(`The change has ${problems.length} invalid field${problems.length === 1 ? '' : 's'}`, { fields: problems });
      const newSpeakers = before.representatives.filter((person) => !person.wishesToSpeak && byEmail.get(person.email)?.wishesToSpeak);
      await refuseMembersAsHearingSpeakers(await getMeeting(before.meetingId), newSpeakers, 'they cannot ask to speak');
      const after: Registration = {
        ...before,
        representatives: before.representatives.map((person) => {
          const entry = byEmail.get(person.email);
          return entry ? { ...person, wishesToSpeak: entry.wishesToSpeak, speakingTopic: entry.wishesToSpeak ? entry.speakingTopic : null } : person;
        }),
        updatedAt: now.toISOString(),
        version: before.version + 1,
      };
      return (await store.saveRegistration(before, after, registrant, now)) ? after : undefined;
    },
    () => new ConflictError('The registration is being changed by someone else; reload it and try again'),
  );
}

/**
 * The registrant withdraws: places and guards are freed and, in the same transaction, the places
 * go to the head of the waiting list, so no newcomer can take them in between.
 */
export async function withdraw(registrationId: string, now: Date): Promise<Registration> {
  const withdrawn = await retryOnVersionClash(
    async () => {
      const before = await getRegistration(registrationId);
      if (finalStates.has(before.state)) throw new ConflictError(`This registration is already ${before.state}`);
      const meeting = await getMeeting(before.meetingId);
      const after = movedTo(before, 'withdrawn', 'Withdrawn by the registrant', now);
      const withdrawal: store.Move = { before, after, releaseGuards: true, notification: await stateChangeNotification(after, meeting, now, false), actor: registrant, action: 'registration.withdrawn' };
      const outcome = await store.writeMoves(before.meetingId, [withdrawal, ...(await promotionsFor(meeting, now, [withdrawal]))], meeting.capacity, now);
      return outcome === 'moved' ? { after, meeting } : undefined;
    },
    () => new ConflictError('The registration is being changed by someone else; reload it and try again'),
  );
  await promoteFromWaitlist(withdrawn.meeting, now); // heads beyond one transaction's share
  return withdrawn.after;
}
