import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { dispatchNotifications } from '#shared/email/dispatcher.ts';
import { object } from '#shared/circulations/ballot.ts';
import { closeDueCirculations, closingGraceSeconds, sendCirculationReminders, sendObjectionDigest } from '#shared/circulations/closing.ts';
import { api, dispatchedMail, mailbox, staffToken, type MailboxEmail } from '../helpers/integration.ts';

/**
 * The non-objection procedure end to end: staff list and circulate; each mission reads its e-mail
 * from the SES emulator and follows its own link; the scheduled jobs are run here, as the scheduler
 * would run them.
 */
type Circulation = { circulationId: string; state: string; deadline: string | null; applicants: number; accredited: number | null; notAccredited: number | null; title: string };
type Notices = { state: string; memberStatesNotified: number; notifications: number; withoutAddress: string[]; kind: string; name: string };
type Receipt = { application: { applicationId: string; organisationId: string }; statusToken: string };
type Ballot = { memberState: { code: string }; applicants: { applicationId: string; objectedByYou: boolean }[]; objections: { applicationId: string; state: string }[]; informationRequests: { requestId: string; state: string }[]; deadline: string };

const staff = () => staffToken('admin', { sub: 'lists@opga.example.org' });
const sleepUntil = async (instant: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, instant - Date.now())));
/** Sends what a job run at `at` queued (its notifications are due from then). */
const dispatchAt = (at: Date) => dispatchNotifications({ clock: fixedClock(at), remainingMs: () => 120_000 });

async function newApplicants(count: number, prefix = 'Listed') {
  const receipts: (Receipt & { name: string; email: string })[] = [];
  for (let index = 0; index < count; index += 1) {
    const name = `${prefix} Migrant Network ${randomUUID().slice(0, 8)}`;
    const email = `${randomUUID().slice(0, 10)}@applicants.example.org`;
    const response = await api<Receipt>('POST', '/accreditation/applications', {
      body: {
        stage: 'preparatory-process',
        organisation: {
          name,
          type: 'ngo',
          country: ['KEN', 'PHL', 'MEX', 'DEU'][index % 4],
          website: null,
          yearFounded: 2001,
          mission: 'Legal aid and shelter for migrants in transit and at destination.',
          relevanceToMigration: 'Works with migrants in transit along the central Mediterranean route.',
          geographicScope: 'international',
        },
        contact: { name: 'Ana Ruiz', email },
        representativeGender: index % 2 ? 'male' : 'female',
      },
    });
    expect(response.status).toBe(201);
    receipts.push({ ...response.body, name, email });
  }
  const screened = await api<{ items: { outcome: string }[] }>('POST', '/accreditation/applications/decisions', { token: staff(), body: { applicationIds: receipts.map((receipt) => receipt.application.applicationId), decision: 'include' } });
  expect(screened.body.items.every((item) => item.outcome === 'done')).toBe(true);
  return receipts;
}

/** A list of `count` new applicants, circulated with this deadline; every mission's link, read from its e-mail. */
async function circulated(count: number, deadline: Date) {
  const applicants = await newApplicants(count);
  const title = `List ${randomUUID().slice(0, 8)}`;
  const created = await api<{ circulation: Circulation }>('POST', '/circulations', { token: staff(), body: { stage: 'preparatory-process', title, applicationIds: applicants.map((receipt) => receipt.application.applicationId) } });
  expect(created.status).toBe(201);
  const { circulationId } = created.body.circulation;
  const sent = await api<{ circulation: Circulation; notices: Notices }>('POST', `/circulations/${circulationId}/circulate`, { token: staff(), body: { deadline: deadline.toISOString() } });
  expect(sent.status).toBe(200);
  const notices = await dispatchedMail((email) => email.subject === `For consideration on a non-objection basis: ${title}`, sent.body.notices.notifications);
  return { circulationId, title, applicants, notices: sent.body.notices, links: linksFrom(notices) };
}

/** Each mission's ballot token, from the link in its e-mail: pm.<code>@missions.example.org. */
function linksFrom(emails: MailboxEmail[]): Map<string, string> {
  const links = new Map<string, string>();
  for (const email of emails) {
    const code = /pm\.([a-z]{3})@missions\.example\.org/.exec(email.destination.to.join(','))?.[1]?.toUpperCase();
    const token = /#token=([\w.-]+)/.exec(email.body.text ?? '')?.[1];
    if (code && token) links.set(code, token);
  }
  return links;
}

const ballotOf = (circulationId: string, token: string | undefined) => api<Ballot>('GET', `/circulations/${circulationId}/ballot`, { token });
const objectTo = (circulationId: string, token: string | undefined, applicationIds: string[], basis: string | null = null) => api<{ recorded: string[]; alreadyStanding: string[] }>('POST', `/circulations/${circulationId}/objections`, { token, body: { applicationIds, basis } });

beforeAll(async () => {
  const opened = await api('PUT', '/accreditation/stages/preparatory-process', { token: staff(), body: { applicationDeadline: new Date(Date.now() + 30 * 24 * 3600_000).toISOString() } });
  expect(opened.status).toBe(200);
});

describe('drawing up and circulating a list', { timeout: 120_000 }, () => {
  it('circulates the list to all 195 States: one e-mail per mission with the whole list and its own link, opening its own ballot only', async () => {
    const list = await circulated(3, new Date(Date.now() + 3600_000));
    expect(list.notices).toMatchObject({ kind: 'circulated', state: 'done', memberStatesNotified: 195, notifications: 195, withoutAddress: [] });
    expect(list.links.size).toBe(195);
    const mexico = (await mailbox()).find((email) => email.subject.endsWith(list.title) && email.destination.to.join(',').includes('pm.mex@'));
    for (const applicant of list.applicants) expect(mexico?.body.text).toContain(applicant.name);
    expect(mexico?.body.text).toContain('Permanent Mission');

    const ballot = await ballotOf(list.circulationId, list.links.get('MEX'));
    expect(ballot.status).toBe(200);
    expect(ballot.body.memberState.code).toBe('MEX');
    expect(ballot.body.applicants.map((applicant) => applicant.applicationId)).toEqual(list.applicants.map((receipt) => receipt.application.applicationId));

    const detail = await api<{ circulation: Circulation; entries: { applicationId: string; outcome: string | null }[]; notices: Notices[] }>('GET', `/circulations/${list.circulationId}`, { token: staff() });
    expect(detail.body.circulation).toMatchObject({ state: 'circulated', applicants: 3 });
    expect(detail.body.entries).toHaveLength(3);
    expect(detail.body.notices[0]).toMatchObject({ state: 'done', notifications: 195 });

    // Listed applications are on this list only, and cannot be rejected or listed again.
    const again = await api<{ fields: { field: string; message: string }[] }>('POST', '/circulations', { token: staff(), body: { stage: 'preparatory-process', applicationIds: [list.applicants[0]!.application.applicationId] } });
    expect(again.status).toBe(400);
    expect(again.body.fields[0]).toMatchObject({ field: 'body.applicationIds[0]', message: expect.stringContaining('listed') });
    const application = await api<{ state: string; circulationId: string }>('GET', `/accreditation/applications/${list.applicants[0]!.application.applicationId}`, { token: list.applicants[0]!.statusToken });
    expect(application.body).toMatchObject({ state: 'listed', circulationId: list.circulationId });

    // Circulating twice is refused; nothing more is sent.
    expect((await api('POST', `/circulations/${list.circulationId}/circulate`, { token: staff(), body: {} })).status).toBe(409);
  });

  it('refuses names that are not included applications of the stage, naming each, and stores no list', async () => {
    const [submitted] = await newApplicants(1);
    const before = await api<{ items: Circulation[] }>('GET', '/circulations?limit=100', { token: staff() });
    const response = await api<{ fields: { field: string }[] }>('POST', '/circulations', { token: staff(), body: { stage: 'intergovernmental-conference', applicationIds: [submitted!.application.applicationId, 'acc_0000000000000000'] } });
    expect(response.status).toBe(400);
    expect(response.body.fields.map((problem) => problem.field)).toEqual(['body.applicationIds[0]', 'body.applicationIds[1]']);
    const after = await api<{ items: Circulation[] }>('GET', '/circulations?limit=100', { token: staff() });
    expect(after.body.items.length).toBe(before.body.items.length);
  });
});

describe('discarding a draft', { timeout: 60_000 }, () => {
  it('includes its applications again and can no longer be circulated; a circulated list cannot be discarded', async () => {
    const applicants = await newApplicants(2);
    const ids = applicants.map((receipt) => receipt.application.applicationId);
    const created = await api<{ circulation: Circulation }>('POST', '/circulations', { token: staff(), body: { stage: 'preparatory-process', applicationIds: ids } });
    const { circulationId } = created.body.circulation;
    const discarded = await api<Circulation>('DELETE', `/circulations/${circulationId}`, { token: staff() });
    expect(discarded).toMatchObject({ status: 200, body: { state: 'discarded' } });
    for (const receipt of applicants) {
      expect((await api<{ state: string }>('GET', `/accreditation/applications/${receipt.application.applicationId}`, { token: receipt.statusToken })).body.state).toBe('included');
    }
    expect((await api('POST', `/circulations/${circulationId}/circulate`, { token: staff(), body: {} })).status).toBe(409);
    const relisted = await api<{ circulation: Circulation }>('POST', '/circulations', { token: staff(), body: { stage: 'preparatory-process', applicationIds: ids } });
    expect(relisted.body.circulation.applicants).toBe(2);
    await api('POST', `/circulations/${relisted.body.circulation.circulationId}/circulate`, { token: staff(), body: { deadline: new Date(Date.now() + 3600_000).toISOString() } });
    expect((await api('DELETE', `/circulations/${relisted.body.circulation.circulationId}`, { token: staff() })).status).toBe(409);
  });
});

describe('objections', { timeout: 180_000 }, () => {
  it('records 195 States objecting at once to the same applicant, alerts staff for each, and keeps the basis with staff', async () => {
    const list = await circulated(2, new Date(Date.now() + 3600_000));
    const target = list.applicants[0]!.application.applicationId;
    const results = await Promise.all([...list.links].map(([code, token]) => objectTo(list.circulationId, token, [target], `Confidential basis from ${code}`)));
    expect(results.map((result) => result.status)).toEqual(results.map(() => 201));

    const view = await api<{ byApplicant: { applicationId: string; standing: string[] }[]; byMemberState: { memberState: string; standing: string[] }[]; events: { basis: string | null; memberState: string }[] }>('GET', `/circulations/${list.circulationId}/objections`, { token: staff() });
    expect(view.body.byApplicant).toEqual([expect.objectContaining({ applicationId: target, standing: [...list.links.keys()].sort() })]);
    expect(view.body.byMemberState).toHaveLength(195);
    expect(view.body.events).toHaveLength(195);
    expect(view.body.events.find((event) => event.memberState === 'NOR')?.basis).toBe('Confidential basis from NOR');

    // A State sees its own objection only, and no basis.
    const norway = await ballotOf(list.circulationId, list.links.get('NOR'));
    expect(norway.body.objections).toEqual([expect.objectContaining({ applicationId: target, memberState: 'NOR', state: 'standing' })]);
    expect(JSON.stringify(norway.body)).not.toContain('Confidential basis');

    const alerts = await dispatchedMail((email) => email.subject.startsWith('Objection: ') && email.subject.endsWith(list.title), 195);
    expect(alerts).toHaveLength(195);
    expect(alerts.every((email) => email.destination.to.join(',').includes('staff@opga.example.org'))).toBe(true);
    expect(alerts.some((email) => (email.body.text ?? '').includes('Confidential basis'))).toBe(false);

    // Objecting again to the same name records nothing twice.
    const twice = await objectTo(list.circulationId, list.links.get('NOR'), [target]);
    expect(twice).toMatchObject({ status: 200, body: { recorded: [], alreadyStanding: [target] } });
  });

  it('lets a State withdraw its own objection before the deadline, once', async () => {
    const list = await circulated(2, new Date(Date.now() + 3600_000));
    const [first, second] = list.applicants.map((receipt) => receipt.application.applicationId) as [string, string];
    const token = list.links.get('BRA');
    expect((await objectTo(list.circulationId, token, [first, second], 'General basis')).status).toBe(201);
    const withdrawn = await api<{ state: string; withdrawnAt: string }>('DELETE', `/circulations/${list.circulationId}/objections/${second}`, { token });
    expect(withdrawn).toMatchObject({ status: 200, body: { state: 'withdrawn' } });
    expect((await api('DELETE', `/circulations/${list.circulationId}/objections/${second}`, { token })).status).toBe(409);
    expect((await api('DELETE', `/circulations/${list.circulationId}/objections/${second}`, { token: list.links.get('CHL') })).status).toBe(404);
    const ballot = await ballotOf(list.circulationId, token);
    expect(ballot.body.applicants.map((applicant) => applicant.objectedByYou)).toEqual([true, false]);
    // An objection names only names on this list.
    const stranger = await objectTo(list.circulationId, token, ['acc_ffffffffffffffff']);
    expect(stranger.status).toBe(400);
    // Objecting again after withdrawing stands again.
    expect((await objectTo(list.circulationId, token, [second])).body.recorded).toEqual([second]);
  });

  it('logs an information request and sends the bases, without the objecting State, only when staff answer', async () => {
    const list = await circulated(1, new Date(Date.now() + 3600_000));
    const [name] = list.applicants.map((receipt) => receipt.application.applicationId) as [string];
    await objectTo(list.circulationId, list.links.get('AUS'), [name], 'The organisation is not registered under national law.');
    const asked = await api<{ requestId: string; applicationIds: string[]; state: string }>('POST', `/circulations/${list.circulationId}/information-requests`, { token: list.links.get('SWE'), body: { question: 'What was the basis of the objection?' } });
    expect(asked).toMatchObject({ status: 201, body: { applicationIds: [name], state: 'open' } });
    expect(JSON.stringify((await ballotOf(list.circulationId, list.links.get('SWE'))).body)).not.toContain('national law');

    const requests = await api<{ items: { requestId: string; memberState: string }[] }>('GET', `/circulations/${list.circulationId}/information-requests`, { token: staff() });
    expect(requests.body.items).toEqual([expect.objectContaining({ requestId: asked.body.requestId, memberState: 'SWE' })]);
    const answer = await api<{ state: string; basesShared: number }>('POST', `/circulations/${list.circulationId}/information-requests/${asked.body.requestId}/answer`, { token: staff(), body: { answer: 'One Member State gave this general basis.' } });
    expect(answer.body).toMatchObject({ state: 'answered', basesShared: 1 });
    expect((await api('POST', `/circulations/${list.circulationId}/information-requests/${asked.body.requestId}/answer`, { token: staff(), body: { answer: 'Again.' } })).status).toBe(409);

    const [reply] = await dispatchedMail((email) => email.subject.endsWith(list.title) && email.destination.to.join(',').includes('pm.swe@') && (email.body.text ?? '').includes('national law'), 1);
    expect(reply?.body.text).toContain('One Member State gave this general basis.');
    expect(reply?.body.text).not.toMatch(/Australia|AUS\b/);

    const audit = await api<{ items: { action: string }[] }>('GET', `/audit/circulation/${list.circulationId}?limit=100`, { token: staff() });
    expect(audit.body.items.map((entry) => entry.action)).toEqual(expect.arrayContaining(['circulation.created', 'circulation.circulated', 'ballot.objected', 'ballot.information-requested', 'ballot.information-answered']));
  });
});

describe('the deadline', { timeout: 180_000 }, () => {
  it('takes an objection in the last second before the deadline, and answers 409 with the deadline one second after', async () => {
    const deadline = new Date(Date.now() + 15_000);
    const list = await circulated(1, deadline);
    const [name] = list.applicants.map((receipt) => receipt.application.applicationId) as [string];
    await sleepUntil(deadline.getTime() - 1000);
    expect((await objectTo(list.circulationId, list.links.get('IND'), [name])).status).toBe(201);
    await sleepUntil(deadline.getTime() + 1000);
    const late = await objectTo(list.circulationId, list.links.get('CHN'), [name]);
    expect(late.status).toBe(409);
    expect((late.body as unknown as { message: string }).message).toContain(deadline.toISOString());
    for (const response of [
      await ballotOf(list.circulationId, list.links.get('CHN')),
      await api('DELETE', `/circulations/${list.circulationId}/objections/${name}`, { token: list.links.get('IND') }),
      await api('POST', `/circulations/${list.circulationId}/information-requests`, { token: list.links.get('CHN'), body: {} }),
    ]) {
      expect(response.status).toBe(409);
      expect((response.body as { message: string }).message).toContain(deadline.toISOString());
    }
    expect((await api('GET', `/circulations/${list.circulationId}/objections`, { token: staff() })).body).toMatchObject({ byMemberState: [expect.objectContaining({ memberState: 'IND' })] });
  });

  it('at the deadline instant itself still records, and a millisecond after does not', async () => {
    const deadline = new Date(Date.now() + 3600_000);
    const list = await circulated(1, deadline);
    const [name] = list.applicants.map((receipt) => receipt.application.applicationId) as [string];
    const holder = (code: string) => ({ circulationId: list.circulationId, memberState: code, linkExpiresAt: deadline });
    expect((await object(holder('FRA'), { applicationIds: [name], basis: null }, deadline)).status).toBe(201);
    await expect(object(holder('GBR'), { applicationIds: [name], basis: null }, new Date(deadline.getTime() + 1))).rejects.toThrow(deadline.toISOString());
  });

  it('extends the deadline, never shortens it, tells every State with a new link, and the old link then answers 401', async () => {
    const first = new Date(Date.now() + 15_000);
    const list = await circulated(1, first);
    const shorter = await api('PUT', `/circulations/${list.circulationId}/deadline`, { token: staff(), body: { deadline: new Date(first.getTime() - 1000).toISOString() } });
    expect(shorter.status).toBe(400);
    const later = new Date(Date.now() + 3600_000);
    const extended = await api<{ circulation: Circulation; notices: Notices }>('PUT', `/circulations/${list.circulationId}/deadline`, { token: staff(), body: { deadline: later.toISOString() } });
    expect(extended.status).toBe(200);
    expect(extended.body.circulation.deadline).toBe(later.toISOString());
    expect(extended.body.notices).toMatchObject({ kind: 'extended', state: 'done', memberStatesNotified: 195 });
    const newLinks = linksFrom(await dispatchedMail((email) => email.subject === `Deadline extended: ${list.title}`, 195));
    expect(newLinks.size).toBe(195);

    await sleepUntil(first.getTime() + 7000);
    const old = await ballotOf(list.circulationId, list.links.get('JPN'));
    expect(old.status).toBe(401);
    expect(old.body).toMatchObject({ message: expect.stringContaining(later.toISOString()) });
    const fresh = await ballotOf(list.circulationId, newLinks.get('JPN'));
    expect(fresh).toMatchObject({ status: 200, body: { deadline: later.toISOString() } });
  });

  it('reminds every mission 3 days before the deadline, once, but not when they were told less than 3 days before it', async () => {
    const now = Date.now();
    const list = await circulated(1, new Date(now + 5 * 24 * 3600_000));
    const soon = await circulated(1, new Date(now + 2 * 24 * 3600_000));
    await sendCirculationReminders(new Date(now + 2.5 * 24 * 3600_000));
    await sendCirculationReminders(new Date(now + 2.6 * 24 * 3600_000));
    const notices = async (circulationId: string) => (await api<{ notices: Notices[] }>('GET', `/circulations/${circulationId}`, { token: staff() })).body.notices;
    expect((await notices(list.circulationId)).filter((notice) => notice.kind === 'reminder')).toEqual([expect.objectContaining({ state: 'done', memberStatesNotified: 195 })]);
    expect((await notices(soon.circulationId)).filter((notice) => notice.kind === 'reminder')).toEqual([]);
  });
});

describe('closing', { timeout: 180_000 }, () => {
  it('accredits the names without a standing objection, tells each applicant without naming a State, gives staff the final list, and closes once', async () => {
    const deadline = new Date(Date.now() + 15_000);
    const list = await circulated(3, deadline);
    const [objected, withdrawn, silent] = list.applicants as [(typeof list.applicants)[0], (typeof list.applicants)[0], (typeof list.applicants)[0]];
    await objectTo(list.circulationId, list.links.get('RUS'), [objected.application.applicationId], 'Basis');
    await objectTo(list.circulationId, list.links.get('USA'), [withdrawn.application.applicationId]);
    await api('DELETE', `/circulations/${list.circulationId}/objections/${withdrawn.application.applicationId}`, { token: list.links.get('USA') });
    expect((await api('GET', `/circulations/${list.circulationId}/list?version=final`, { token: staff() })).status).toBe(409);

    // Not before the deadline and its grace.
    await closeDueCirculations(new Date(deadline.getTime() - 1000));
    expect((await api<{ circulation: Circulation }>('GET', `/circulations/${list.circulationId}`, { token: staff() })).body.circulation.state).toBe('circulated');
    await sleepUntil(deadline.getTime() + 500);
    const after = new Date(deadline.getTime() + (closingGraceSeconds + 1) * 1000);
    await Promise.all([closeDueCirculations(after), closeDueCirculations(after)]);
    await closeDueCirculations(after);
    await dispatchAt(after);

    const detail = await api<{ circulation: Circulation; entries: { applicationId: string; outcome: string; standingObjections: number }[] }>('GET', `/circulations/${list.circulationId}`, { token: staff() });
    expect(detail.body.circulation).toMatchObject({ state: 'closed', accredited: 2, notAccredited: 1 });
    expect(detail.body.entries.map((entry) => [entry.applicationId, entry.outcome, entry.standingObjections])).toEqual([
      [objected.application.applicationId, 'not-accredited', 1],
      [withdrawn.application.applicationId, 'accredited', 0],
      [silent.application.applicationId, 'accredited', 0],
    ]);
    const organisation = await api<{ accreditation: unknown }>('GET', `/organisations/${silent.application.organisationId}`, { token: staff() });
    expect(organisation.body.accreditation).toEqual({ basis: 'special-accreditation', stages: ['preparatory-process'] });
    const refused = await api<{ accreditation: unknown }>('GET', `/organisations/${objected.application.organisationId}`, { token: staff() });
    expect(refused.body.accreditation).toEqual({ basis: 'none' });
    const application = await api<{ state: string }>('GET', `/accreditation/applications/${objected.application.applicationId}`, { token: objected.statusToken });
    expect(application.body.state).toBe('not-accredited');

    const emails = await mailbox();
    const outcome = emails.filter((email) => email.destination.to.join(',').includes(objected.email) && email.subject.includes('outcome'));
    expect(outcome).toHaveLength(1);
    expect(outcome[0]?.body.text).not.toMatch(/Russia|RUS\b|objected/i);
    expect(emails.filter((email) => email.destination.to.join(',').includes(silent.email) && email.subject.endsWith('accredited'))).toHaveLength(1);
    const closedMail = emails.filter((email) => email.subject.startsWith(`List closed: ${list.title}`));
    expect(closedMail).toHaveLength(1);
    expect(closedMail[0]?.subject).toContain('2 accredited, 1 not accredited');

    // The lists, for the attention of the General Assembly.
    const final = await fetch(`${inject('apiUrl')}/circulations/${list.circulationId}/list?version=final&format=csv`, { headers: { authorization: `Bearer ${staff()}` } });
    expect(final.headers.get('content-type')).toContain('text/csv');
    const csv = await final.text();
    expect(csv).toContain(silent.name);
    expect(csv).toContain(withdrawn.name);
    expect(csv).not.toContain(objected.name);
    const proposed = await (await fetch(`${inject('apiUrl')}/circulations/${list.circulationId}/list?version=proposed&format=html`, { headers: { authorization: `Bearer ${staff()}` } })).text();
    expect(proposed).toContain('For the attention of the General Assembly');
    expect(proposed).toContain(objected.name);
    expect(proposed).toContain('Not accredited');

    // Closed is read-only.
    expect((await api('PUT', `/circulations/${list.circulationId}/deadline`, { token: staff(), body: { deadline: new Date(Date.now() + 3600_000).toISOString() } })).status).toBe(409);
    expect((await objectTo(list.circulationId, list.links.get('FRA'), [silent.application.applicationId])).status).toBe(409);
    const audit = await api<{ items: { action: string }[] }>('GET', `/audit/circulation/${list.circulationId}?limit=100`, { token: staff() });
    expect(audit.body.items.filter((entry) => entry.action === 'circulation.closed')).toHaveLength(1);

    // Staff may put a name that was not accredited on a later list; an accredited one stays accredited.
    const again = await api<{ items: { outcome: string; state: string | null }[] }>('POST', '/accreditation/applications/decisions', {
      token: staff(),
      body: { applicationIds: [objected.application.applicationId, silent.application.applicationId], decision: 'include' },
    });
    expect(again.body.items.map((item) => [item.outcome, item.state])).toEqual([['done', 'included'], ['skipped', 'accredited']]);
  });

  it("sends staff a digest of the previous day's ballot events, once", async () => {
    const list = await circulated(1, new Date(Date.now() + 3600_000));
    await objectTo(list.circulationId, list.links.get('ZAF'), [list.applicants[0]!.application.applicationId]);
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    expect(await sendObjectionDigest(tomorrow)).toMatchObject({ sent: true });
    expect(await sendObjectionDigest(tomorrow)).toMatchObject({ sent: false });
    await dispatchAt(tomorrow);
    const digest = (await mailbox()).find((email) => email.subject.startsWith('Objections digest') && (email.body.text ?? '').includes(list.title));
    expect(digest?.body.text).toContain('South Africa');
  });
});

describe('ballot links', { timeout: 120_000 }, () => {
  it('refuses a token of every wrong kind with 401 or 403, and no data', async () => {
    const list = await circulated(1, new Date(Date.now() + 3600_000));
    const other = await circulated(1, new Date(Date.now() + 3600_000));
    const secret = inject('authSecret');
    const sign = (claims: Record<string, unknown>, options: jwt.SignOptions = {}) =>
      jwt.sign({ holder: 'MEX', exp: Math.floor(Date.now() / 1000) + 600, ...claims }, secret, { algorithm: 'HS256', issuer: 'stakeholder-registry', audience: 'non-objection-ballot', subject: list.circulationId, ...options });
    const cases: [string, string | undefined, number][] = [
      ['no token', undefined, 401],
      ['staff token', staff(), 401],
      ["another list's link", other.links.get('MEX'), 403],
      ['expired', sign({ exp: Math.floor(Date.now() / 1000) - 600 }), 401],
      ['no holder', jwt.sign({ exp: Math.floor(Date.now() / 1000) + 600 }, secret, { algorithm: 'HS256', issuer: 'stakeholder-registry', audience: 'non-objection-ballot', subject: list.circulationId }), 401],
      ['a State not in the registry', sign({ holder: 'XXX' }), 403],
      ['wrong secret', jwt.sign({ holder: 'MEX', exp: Math.floor(Date.now() / 1000) + 600 }, 'not-the-secret', { algorithm: 'HS256', issuer: 'stakeholder-registry', audience: 'non-objection-ballot', subject: list.circulationId }), 401],
      ['status-link audience', sign({}, { audience: 'accreditation-status' }), 401],
      ['other algorithm', jwt.sign({ holder: 'MEX', exp: Math.floor(Date.now() / 1000) + 600, aud: 'non-objection-ballot', iss: 'stakeholder-registry', sub: list.circulationId }, secret, { algorithm: 'HS512' }), 401],
    ];
    for (const [label, token, status] of cases) {
      const ballot = await ballotOf(list.circulationId, token);
      expect([label, ballot.status]).toEqual([label, status]);
      expect(ballot.body).not.toHaveProperty('applicants');
      expect((await objectTo(list.circulationId, token, [list.applicants[0]!.application.applicationId])).status).toBe(status);
    }
    const view = await api<{ byApplicant: unknown[] }>('GET', `/circulations/${list.circulationId}/objections`, { token: staff() });
    expect(view.body.byApplicant).toEqual([]);
    // A ballot link opens no staff route.
    expect((await api('GET', `/circulations/${list.circulationId}`, { token: list.links.get('MEX') })).status).toBe(401);
  });
});
