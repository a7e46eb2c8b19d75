import { describe, expect, it } from 'vitest';
import { systemClock } from '#shared/clock.ts';
import { dispatchNotifications } from '#shared/email/dispatcher.ts';
import { api, mailbox, staffToken } from '../helpers/integration.ts';
import { ecosocOrganisation, openMeeting, registration, unique, type Receipt, type Registration } from '../helpers/registrations.ts';

type Listed = Registration & { stateReason: string | null; waitingFor?: string; createdAt: string };
type Counts = { byState: Record<string, number>; places: { capacity: number | null; taken: number; waitlisted: number } };
type Decisions = { items: { registrationId: string; outcome: string; state: string; message: string | null }[] };

const rounds = 20;
const burst = 6;
const capacity = 3;

async function register(meetingId: string): Promise<Receipt> {
  const response = await api<Receipt>('POST', `/meetings/${meetingId}/registrations`, { body: registration((await ecosocOrganisation()).organisationId, [unique()]) });
  expect(response.status).toBe(201);
  return response.body;
}

/** A meeting's registrations in arrival order, as staff list them (the waiting list's own order). */
async function listed(meetingId: string, state: string): Promise<Listed[]> {
  const response = await api<{ items: Listed[]; nextCursor: string | null }>('GET', `/meetings/${meetingId}/registrations?state=${state}&limit=200`, { token: staffToken() });
  expect(response.body.nextCursor).toBeNull();
  return response.body.items;
}

const counts = async (meetingId: string) => (await api<Counts>('GET', `/meetings/${meetingId}/registrations/counts`, { token: staffToken() })).body;
const decide = (meetingId: string, body: Record<string, unknown>) => api<Decisions>('POST', `/meetings/${meetingId}/registrations/decisions`, { token: staffToken(), body });
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ids = (registrations: { registrationId: string }[]) => registrations.map((one) => one.registrationId);

describe('the waiting list', { timeout: 300_000 }, () => {
  it('lets a staff waitlist decision stand on a meeting with room: not promoted, one e-mail, and it holds no newcomer back', async () => {
    const meetingId = await openMeeting({ capacity: 2 });
    const held = await register(meetingId);
    const decided = await decide(meetingId, { registrationIds: [held.registration.registrationId], decision: 'waitlist', reason: 'Awaiting confirmation of the organisation\'s focal point' });
    expect(decided.body.items[0]).toMatchObject({ outcome: 'done', state: 'waitlisted' });

    const read = async (receipt: Receipt) => (await api<Listed>('GET', `/registrations/${receipt.registration.registrationId}`, { token: receipt.statusToken })).body;
    expect(await read(held)).toMatchObject({ state: 'waitlisted', waitingFor: 'staff', stateReason: 'Awaiting confirmation of the organisation\'s focal point' });
    const newcomer = await register(meetingId);
    expect(newcomer.registration.state).toBe('pending');
    // A place freed is not for it either: it waits for staff, not for a place.
    await decide(meetingId, { registrationIds: [newcomer.registration.registrationId], decision: 'decline', reason: 'Not eligible after all' });
    expect((await read(held)).state).toBe('waitlisted');
    expect((await counts(meetingId)).places).toEqual({ capacity: 2, taken: 0, waitlisted: 0 });

    await dispatchNotifications({ clock: systemClock, remainingMs: () => 60_000 }); // before the race's hundreds of e-mails
    const contact = held.registration.representatives[0]?.email ?? '';
    const messages = (await mailbox()).filter((email) => email.destination.to.some((to) => to.includes(contact))).map((email) => email.body.text ?? '');
    expect(messages).toHaveLength(2); // the confirmation and staff's decision
    expect(messages.some((text) => text.includes('moved from the waiting list'))).toBe(false);

    const approved = await decide(meetingId, { registrationIds: [held.registration.registrationId], decision: 'approve' });
    expect(approved.body.items[0]).toMatchObject({ outcome: 'done', state: 'approved' });
  });

  it('gives the places of a larger capacity to the waiting list, in arrival order, and names the change in the audit entry', async () => {
    const meetingId = await openMeeting({ capacity: 1 });
    const [, first, second, third] = [await register(meetingId), await register(meetingId), await register(meetingId), await register(meetingId)];
    const changed = await api('PATCH', `/meetings/${meetingId}`, { token: staffToken(), body: { capacity: 3, representativesPerOrganisation: 3 } });
    expect(changed.status).toBe(200);
    expect(ids(await listed(meetingId, 'pending')).slice(1)).toEqual(ids([first, second].map((receipt) => receipt?.registration ?? { registrationId: '' })));
    expect(ids(await listed(meetingId, 'waitlisted'))).toEqual([third?.registration.registrationId]);

    const trail = await api<{ items: { action: string; details: Record<string, unknown> }[] }>('GET', `/audit/meeting/${meetingId}`, { token: staffToken() });
    expect(trail.body.items[0]).toMatchObject({
      action: 'meeting.updated',
      details: { changedFields: ['capacity', 'representativesPerOrganisation'], before: { capacity: 1, representativesPerOrganisation: 2 }, after: { capacity: 3, representativesPerOrganisation: 3 } },
    });
  });

  it(`gives every freed place to the head of the list, in arrival order, while bursts of newcomers race for it (${rounds} rounds)`, async () => {
    const meetingId = await openMeeting({ capacity, representativesPerOrganisation: 2 });
    const tokens = new Map<string, string>();
    const remember = (receipt: Receipt) => tokens.set(receipt.registration.registrationId, receipt.statusToken);
    for (let index = 0; index < capacity + 3; index += 1) remember(await register(meetingId));
    let requests = capacity + 3;
    const promoted: Listed[] = [];

    for (let round = 0; round < rounds; round += 1) {
      const holders = ids(await listed(meetingId, 'pending'));
      const queue = await listed(meetingId, 'waitlisted');
      expect(holders).toHaveLength(capacity);
      const [withdrawing, declined] = holders;
      // One place freed by the registrant withdrawing, one by staff declining, amid newcomers 8 ms apart.
      const newcomers = Array.from({ length: burst }, (_unused, index) => later(index * 8).then(() => register(meetingId)));
      const withdrawal = later(12).then(() => api<Registration>('DELETE', `/registrations/${withdrawing}`, { token: tokens.get(withdrawing ?? '') ?? '' }));
      const decline = later(28).then(() => decide(meetingId, { registrationIds: [declined], decision: 'decline', reason: 'Balance of constituencies' }));
      const [arrived, withdrawn, decided] = await Promise.all([Promise.all(newcomers), withdrawal, decline]);
      requests += burst + 2;
      arrived.forEach(remember);

      expect(withdrawn.body.state, `round ${round}`).toBe('withdrawn');
      expect(decided.body.items[0]?.state, `round ${round}`).toBe('declined');
      expect(arrived.map((receipt) => receipt.registration.state), `round ${round}: no newcomer jumps the list`).toEqual(Array(burst).fill('waitlisted'));
      const heads = ids(queue.slice(0, 2));
      expect(ids(await listed(meetingId, 'pending')), `round ${round}: the two freed places went to the first two waiting`).toEqual([holders[2], ...heads]);
      promoted.push(...queue.slice(0, 2));
      const { places } = await counts(meetingId);
      expect(places, `round ${round}`).toEqual({ capacity, taken: capacity, waitlisted: queue.length - 2 + burst });
    }

    // Over all rounds, the places went down the list in the order people joined it, and nobody still waiting was passed over.
    const joined = promoted.map((one) => `${one.createdAt}#${one.registrationId}`);
    expect(joined).toEqual([...joined].sort());
    const stillWaiting = (await listed(meetingId, 'waitlisted')).map((one) => `${one.createdAt}#${one.registrationId}`);
    expect(stillWaiting.every((waiting) => waiting > (joined.at(-1) ?? ''))).toBe(true);
    console.info(`waiting-list race: ${rounds} rounds, ${requests} requests (${rounds * burst} registrations, ${rounds} withdrawals, ${rounds} declines)`);
  });
});
