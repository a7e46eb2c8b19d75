import type { Actor } from '#shared/audit/audit.ts';
import { csvFile } from '#shared/csv.ts';
import { getMeeting } from '#shared/meetings/use-cases.ts';
import type { Meeting } from '#shared/meetings/schemas.ts';
import { stateChangeNotification } from '#shared/registrations/messages.ts';
import { movedTo, placeHoldingStates, type RegistrationCounts, type RegistrationDecision, type RegistrationFilters, type RegistrationState } from '#shared/registrations/schemas.ts';
import * as store from '#shared/registrations/store.ts';
import { promoteFromWaitlist, promotionsFor } from '#shared/registrations/waiting-list.ts';

const target = { approve: 'approved', decline: 'declined', waitlist: 'waitlisted' } as const satisfies Record<RegistrationDecision['decision'], RegistrationState>;

/** The states each decision may be taken from; anything else is skipped with a reason. */
const allowedFrom: Record<RegistrationDecision['decision'], readonly RegistrationState[]> = {
  approve: ['pending', 'waitlisted'],
  decline: ['pending', 'approved', 'waitlisted'],
  waitlist: ['pending', 'approved'],
};

export function listForStaff(meetingId: string, query: RegistrationFilters & { limit: number; cursor?: string | undefined }) {
  const { limit, cursor, ...filters } = query;
  return getMeeting(meetingId).then(() => store.listRegistrations(meetingId, filters, { limit, cursor }));
}

/**
 * Approves, declines or waitlists each registration named, one by one, each in its own
 * transaction with its e-mail; one that cannot be moved is skipped and says why. Places freed go
 * to the head of the waiting list in the same transaction. Staff's waitlist holds a registration
 * for them (waitingFor 'staff'): it is not promoted, and holds no newcomer back.
 */
export async function decide(meetingId: string, decision: RegistrationDecision, actor: Actor, now: Date) {
  const meeting = await getMeeting(meetingId);
  const outcomes = [];
  for (const registrationId of decision.registrationIds) outcomes.push(await decideOne(meeting, registrationId, decision, actor, now));
  await promoteFromWaitlist(meeting, now); // heads beyond one transaction's share
  return { items: outcomes };
}

async function decideOne(meeting: Meeting, registrationId: string, decision: RegistrationDecision, actor: Actor, now: Date) {
  const skipped = (message: string, state: RegistrationState | null) => ({ registrationId, outcome: 'skipped' as const, state, message });
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const before = await store.findRegistration(registrationId);
    if (!before || before.meetingId !== meeting.meetingId) return skipped(`No registration '${registrationId}' for this meeting`, null);
    if (!allowedFrom[decision.decision].includes(before.state)) return skipped(`Cannot ${decision.decision} a registration that is ${before.state}`, before.state);
    const after = movedTo(before, target[decision.decision], decision.reason, now, 'staff');
    const move: store.Move = { before, after, releaseGuards: decision.decision === 'decline', notification: await stateChangeNotification(after, meeting, now, false), actor, action: `registration.${target[decision.decision]}` };
    // Approving takes places (staff may take anyone off the list), so it frees none to promote.
    const promotions = decision.decision === 'approve' ? [] : await promotionsFor(meeting, now, [move]);
    const outcome = await store.writeMoves(meeting.meetingId, [move, ...promotions], meeting.capacity, now);
    if (outcome === 'moved') return { registrationId, outcome: 'done' as const, state: after.state, message: null };
    if (outcome === 'full' && promotions.length === 0) return skipped(`The meeting has no room for ${before.places} more representative${before.places === 1 ? '' : 's'}`, before.state);
  }
  return skipped('The registration kept changing; try again', null);
}

export async function countRegistrations(meetingId: string): Promise<RegistrationCounts> {
  const meeting = await getMeeting(meetingId);
  const [registrations, places] = await Promise.all([store.allRegistrations(meetingId), store.meetingPlaces(meetingId)]);
  const add = (counts: Record<string, number>, key: string, by = 1) => {
    counts[key] = (counts[key] ?? 0) + by;
  };
  const counts: RegistrationCounts = {
    byState: {},
    places: { capacity: meeting.capacity, taken: places.placesTaken, waitlisted: places.waitlisted },
    representatives: { total: 0, byCategory: {}, byRegionalGroup: {}, byGender: {}, wishingToSpeak: 0 },
  };
  for (const registration of registrations) {
    add(counts.byState, registration.state);
    if (!placeHoldingStates.includes(registration.state)) continue;
    for (const person of registration.representatives) {
      counts.representatives.total += 1;
      add(counts.representatives.byCategory, registration.organisation.category);
      add(counts.representatives.byRegionalGroup, registration.organisation.regionalGroup ?? 'none');
      add(counts.representatives.byGender, person.gender);
      if (person.wishesToSpeak) counts.representatives.wishingToSpeak += 1;
    }
  }
  return counts;
}

const columns = ['registrationId', 'state', 'stateReason', 'organisation', 'organisationId', 'category', 'country', 'regionalGroup', 'organisationType', 'contactName', 'contactEmail', 'name', 'email', 'function', 'gender', 'nationality', 'accessibilityNeeds', 'wishesToSpeak', 'speakingTopic', 'registeredAt'] as const;

/** One row per representative, for the filters given. */
export async function exportCsv(meetingId: string, filters: RegistrationFilters, now: Date) {
  await getMeeting(meetingId); // 404 for an unknown meeting
  const rows = (await store.allRegistrations(meetingId, filters)).flatMap((registration) =>
    registration.representatives.map((person) => [
      registration.registrationId,
      registration.state,
      registration.stateReason,
      registration.organisation.name,
      registration.organisation.organisationId,
      registration.organisation.category,
      registration.organisation.country,
      registration.organisation.regionalGroup,
      registration.organisation.type,
      registration.contact.name,
      registration.contact.email,
      person.name,
      person.email,
      person.function,
      person.gender,
      person.nationality,
      person.accessibilityNeeds,
      person.wishesToSpeak,
      person.speakingTopic,
      registration.createdAt,
    ]),
  );
  return csvFile(`${meetingId}-registrations-${now.toISOString().slice(0, 10)}`, columns, rows);
}
