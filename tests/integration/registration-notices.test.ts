import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { systemClock } from '#shared/clock.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { dispatchNotifications } from '#shared/email/dispatcher.ts';
import type { Organisation } from '#shared/organisations/schemas.ts';
import { newOrganisationId, newOrganisationPuts } from '#shared/organisations/store.ts';
import { closeRegistrations, notifyMeetingChanges, sendReminders } from '#shared/registrations/notices.ts';
import { api, mailbox, newMeeting, staffToken, uniqueMeetingId } from '../helpers/integration.ts';

const day = 24 * 3600_000;
const date = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString().slice(0, 10);

async function registered(meetingId: string) {
  const at = new Date().toISOString();
  const organisation: Organisation = { organisationId: newOrganisationId(), name: `Diaspora Forum ${randomUUID().slice(0, 6)}`, country: 'PHL', website: null, type: 'diaspora-organisation', accreditation: { basis: 'ecosoc-consultative-status', ecosocStatus: 'roster' }, createdAt: at, updatedAt: at };
  await writeTogether(newOrganisationPuts(organisation));
  const email = `${randomUUID().slice(0, 10)}@example.org`;
  const response = await api<{ registration: { registrationId: string }; statusToken: string }>('POST', `/meetings/${meetingId}/registrations`, {
    body: { organisation: { organisationId: organisation.organisationId }, contact: { name: 'Maria Santos', email }, representatives: [{ name: 'Maria Santos', email, function: 'Director', gender: 'female', nationality: 'PHL' }] },
  });
  expect(response.status).toBe(201);
  return { ...response.body, email };
}

const mailTo = async (email: string) => (await mailbox()).filter((candidate) => candidate.destination.to.some((to) => to.includes(email)));

describe('scheduled notices to registrants', { timeout: 60_000 }, () => {
  it('tells every registrant still coming that the venue changed, once, and not those who registered after the change', async () => {
    const meetingId = uniqueMeetingId('moved');
    await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId) });
    const coming = await registered(meetingId);
    const gone = await registered(meetingId);
    await api('DELETE', `/registrations/${gone.registration.registrationId}`, { token: gone.statusToken });
    expect((await api('PATCH', `/meetings/${meetingId}`, { token: staffToken(), body: { venue: 'Palais des Nations', city: 'Geneva', timeZone: 'Europe/Zurich' } })).status).toBe(200);
    const after = await registered(meetingId);

    // Other test files record changes too, and one run takes 25: drain the queue, then check it stays empty.
    let told = 0;
    for (let run = await notifyMeetingChanges(new Date(), () => 60_000); run.changes > 0; run = await notifyMeetingChanges(new Date(), () => 60_000)) told += run.changes;
    expect(told).toBeGreaterThanOrEqual(1);
    expect(await notifyMeetingChanges(new Date(), () => 60_000)).toEqual({ changes: 0, notices: 0 });
    await dispatchNotifications({ clock: systemClock, remainingMs: () => 60_000 });

    const received = await mailTo(coming.email);
    const notices = received.filter((email) => email.subject.startsWith('Change to a meeting you registered for'));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body.text).toContain('Palais des Nations, Geneva');
    expect((await mailTo(gone.email)).filter((email) => email.subject.startsWith('Change to a meeting'))).toHaveLength(0);
    expect((await mailTo(after.email)).filter((email) => email.subject.startsWith('Change to a meeting'))).toHaveLength(0);
    expect((await mailTo(after.email)).length).toBeGreaterThan(0);
    const changes = await api<{ items: { registrantsNotifiedAt: string | null }[] }>('GET', `/meetings/${meetingId}/changes`, { token: staffToken() });
    expect(changes.body.items[0]?.registrantsNotifiedAt).not.toBeNull();
  });

  it('reminds approved registrants a week and a day before, once each', async () => {
    const meetingId = uniqueMeetingId('soon');
    const start = date(7);
    await api('POST', '/meetings', {
      token: staffToken(),
      body: newMeeting(meetingId, { dates: { start, end: start }, registration: { opensAt: new Date(Date.now() - day).toISOString(), closesAt: new Date(Date.now() + 3 * day).toISOString() } }),
    });
    const approved = await registered(meetingId);
    const pending = await registered(meetingId);
    await api('POST', `/meetings/${meetingId}/registrations/decisions`, { token: staffToken(), body: { registrationIds: [approved.registration.registrationId], decision: 'approve' } });

    const now = new Date();
    expect((await sendReminders(now)).reminders).toBeGreaterThanOrEqual(1);
    await sendReminders(now);
    await sendReminders(new Date(now.getTime() + 6 * day + 3600_000));
    await dispatchNotifications({ clock: { now: () => new Date(now.getTime() + 6 * day + 3600_000) }, remainingMs: () => 60_000 });
    const subjects = (await mailTo(approved.email)).map((email) => email.subject).filter((subject) => subject.includes('Informal interactive'));
    expect(subjects.filter((subject) => subject.startsWith('In one week'))).toHaveLength(1);
    expect(subjects.filter((subject) => subject.startsWith('Tomorrow'))).toHaveLength(1);
    expect((await mailTo(pending.email)).filter((email) => /^(In one week|Tomorrow)/.test(email.subject))).toHaveLength(0);
  });
});

describe('closing registration', { timeout: 60_000 }, () => {
  it('records the close once at the end of the window and sends staff what there is to review', async () => {
    const meetingId = uniqueMeetingId('closing');
    const closesAt = new Date(Date.now() + 3600_000);
    await api('POST', '/meetings', {
      token: staffToken(),
      body: newMeeting(meetingId, { title: `Hearing closing ${meetingId}`, dates: { start: date(30), end: date(30) }, registration: { opensAt: new Date(Date.now() - day).toISOString(), closesAt: closesAt.toISOString() } }),
    });
    await registered(meetingId);
    await registered(meetingId);

    expect((await closeRegistrations(new Date())).closed).toBe(0); // still open
    const afterClose = new Date(closesAt.getTime() + 60_000);
    expect((await closeRegistrations(afterClose)).closed).toBeGreaterThanOrEqual(1);
    expect((await closeRegistrations(afterClose)).closed).toBe(0);

    await dispatchNotifications({ clock: { now: () => afterClose }, remainingMs: () => 60_000 });
    const notices = (await mailbox()).filter((email) => email.subject === `Registration closed: Hearing closing ${meetingId}`);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.destination.to.join(',')).toContain('staff@opga.example.org');
    expect(notices[0]?.body.text).toContain('pending: 2');
  });
});
