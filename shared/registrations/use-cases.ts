import { randomBytes } from 'node:crypto';
import type { Actor } from '#shared/audit/audit.ts';
import { statusLink as linkTo } from '#shared/auth/status-link.ts';
import { pathFor } from '#shared/http/route-spec.ts';
import { routes } from '#shared/http/routes.ts';
import { retryOnVersionClash } from '#shared/db/transactions.ts';
import { enqueueNotification } from '#shared/email/outbox.ts';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '#shared/errors.ts';
import { getMeeting } from '#shared/meetings/use-cases.ts';
import type { Meeting } from '#shared/meetings/schemas.ts';
import { categoryFor, organisationMatchKey, type AccreditationStage, type Organisation } from '#shared/organisations/schemas.ts';
import { findOrganisation, findOrganisationByMatchKey, newOrganisationId, newOrganisationPuts } from '#shared/organisations/store.ts';
import type { OrganisationRegistration, Registration, RegistrationBody, UpdateSpeakingInterest } from '#shared/registrations/schemas.ts';
import * as store from '#shared/registrations/store.ts';
import { findMemberState, registryCountry } from '#shared/member-states/store.ts';
import { refuseMembersAsHearingSpeakers } from '#shared/steering-committee/membership.ts';

export const parliamentarianAnswer = {
  stored: false as const,
  message:
    'Parliamentarians do not register separately: they take part as members of their national delegation, or in a delegation of the Inter-Parliamentary Union (a Permanent Observer). Please contact your Permanent Mission or the IPU.',
};

const registrant: Actor = { id: 'registrant', role: 'public' };

export const meetingSummary = (meeting: Meeting) => ({ meetingId: meeting.meetingId, title: meeting.title, venue: meeting.venue, city: meeting.city, dates: meeting.dates, timeZone: meeting.timeZone });

/** The stage of the process a meeting belongs to, for special accreditation (DOMAIN.md section 11). */
const stageOf = (meeting: Meeting): AccreditationStage => (meeting.kind === 'intergovernmental-conference' ? 'intergovernmental-conference' : 'preparatory-process');

/** Status links expire the day after the meeting ends; while dates are to be announced, after a year. */
function statusLinkExpiry(meeting: Meeting, now: Date): Date {
  if (meeting.dates) return new Date(Date.parse(`${meeting.dates.end}T23:59:59Z`) + 24 * 3600_000);
  return new Date(now.getTime() + 365 * 24 * 3600_000);
}

export function statusLink(registration: Registration, meeting: Meeting, now: Date) {
  const { registrationId } = registration;
  return linkTo('registrant', pathFor(routes.getRegistration, { registrationId }), registrationId, statusLinkExpiry(meeting, now), now);
}

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
        stateReason: state === 'waitlisted' ? 'The meeting was full when this registration arrived' : null,
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
      if (outcome.ok) return { kind: 'registered' as const, receipt: { registration, statusUrl: link.url, statusToken: link.token, statusTokenExpiresAt: link.expiresAt.toISOString() } };
      if (outcome.reason === 'person') throw new ConflictError(`${outcome.email} is already registered for '${meetingId}'`, { fields: [{ field: 'body.representatives', message: `${outcome.email} is already registered for this meeting` }] });
      if (outcome.reason === 'organisation-limit') {
        throw new UnprocessableError(`${organisation.name} already has representatives registered for '${meetingId}'; with these ${places} it would have more than the ${meeting.representativesPerOrganisation} the meeting admits`);
      }
      if (outcome.reason === 'organisation-exists') break; // created by someone else meanwhile: resolve it again
      // 'full': no place left for these representatives, so they join the waiting list
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

/** The registrant withdraws: places and guards are freed, and the waiting list moves up. */
export async function withdraw(registrationId: string, now: Date): Promise<Registration> {
  const withdrawn = await retryOnVersionClash(
    async () => {
      const before = await getRegistration(registrationId);
      if (finalStates.has(before.state)) throw new ConflictError(`This registration is already ${before.state}`);
      const meeting = await getMeeting(before.meetingId);
      const after: Registration = { ...before, state: 'withdrawn', stateReason: 'Withdrawn by the registrant', updatedAt: now.toISOString(), version: before.version + 1 };
      const notification = await stateChangeNotification(after, meeting, now, false);
      const moved = await store.moveRegistration(before, after, { capacity: meeting.capacity, releaseGuards: true, notification, actor: registrant, at: now, action: 'registration.withdrawn' });
      return moved ? after : undefined;
    },
    () => new ConflictError('The registration is being changed by someone else; reload it and try again'),
  );
  await promoteFromWaitlist(withdrawn.meetingId, now);
  return withdrawn;
}

export async function stateChangeNotification(after: Registration, meeting: Meeting, now: Date, promoted: boolean) {
  const link = await statusLink(after, meeting, now);
  return enqueueNotification(
    'registrationStateChanged',
    {
      to: [after.contact.email],
      language: after.language,
      dedupeKey: `registration-state:${after.registrationId}:${after.version}`,
      data: { contactName: after.contact.name, organisationName: after.organisation.name, meeting: meetingSummary(meeting), state: after.state, promoted, reason: after.stateReason, statusUrl: link.url },
    },
    now,
  );
}

/**
 * Moves waitlisted registrations to pending, first come first served, while their places fit.
 * Every move is conditional on the capacity, so concurrent promotions never over-fill the meeting.
 */
export async function promoteFromWaitlist(meetingId: string, now: Date): Promise<number> {
  const meeting = await getMeeting(meetingId);
  let promoted = 0;
  for (let round = 0; round < 100; round += 1) {
    const first = await store.firstWaitlisted(meetingId);
    if (!first || first.state !== 'waitlisted') return promoted;
    const after: Registration = { ...first, state: 'pending', stateReason: 'Promoted from the waiting list', updatedAt: now.toISOString(), version: first.version + 1 };
    const notification = await stateChangeNotification(after, meeting, now, true);
    const moved = await store.moveRegistration(first, after, { capacity: meeting.capacity, releaseGuards: false, notification, actor: { id: 'system', role: 'system' }, at: now, action: 'registration.promoted' });
    if (!moved) {
      // Either the meeting is full again, or the registration changed meanwhile: re-read to tell which.
      const current = await store.findRegistration(first.registrationId);
      if (current?.state === 'waitlisted' && current.version === first.version) return promoted;
      continue;
    }
    promoted += 1;
  }
  return promoted;
}
