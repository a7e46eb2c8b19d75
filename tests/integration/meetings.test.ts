import { describe, expect, it } from 'vitest';
import seedMeetings from '../../local/seed/meetings.json' with { type: 'json' };
import { api, newMeeting, staffToken, uniqueMeetingId } from '../helpers/integration.ts';

type Meeting = Record<string, unknown> & { meetingId: string; version: number };
type Page<T> = { items: T[]; nextCursor: string | null };

async function allMeetings(query = ''): Promise<Meeting[]> {
  const found: Meeting[] = [];
  let cursor: string | null = null;
  do {
    const separator = query ? '&' : '';
    const response: Awaited<ReturnType<typeof api<Page<Meeting>>>> = await api<Page<Meeting>>('GET', `/meetings?${query}${separator}limit=4${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.status).toBe(200);
    found.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor);
  return found;
}

describe('the meeting catalogue', () => {
  it('serves every seeded meeting, in date order with dates to be announced last, across pages without gaps', async () => {
    // Other test files add meetings to the same database: judge the seeded ones, in the order served.
    const seeded = new Set(seedMeetings.map((meeting) => meeting.meetingId));
    const meetings = await allMeetings('kind=thematic-session');
    expect(meetings.every((meeting) => meeting.kind === 'thematic-session')).toBe(true);
    expect(meetings.map((meeting) => meeting.meetingId).filter((id) => seeded.has(id))).toEqual(['its-1', 'its-2', 'its-3', 'its-4', 'its-5', 'its-6']);

    const everything = await allMeetings();
    const ids = everything.map((meeting) => meeting.meetingId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const seeded of seedMeetings) expect(ids).toContain(seeded.meetingId);
    const hearings = ids.filter((id) => seeded.has(id) && id.startsWith('msh-'));
    expect(hearings).toEqual(['msh-1', 'msh-2', 'msh-3', 'msh-4', 'msh-5', 'msh-6']);
    expect(ids.indexOf('msh-4')).toBeGreaterThan(ids.indexOf('stocktake'));
  });

  it('returns one meeting as seeded, with TBA dates where the sources give none', async () => {
    const its1 = await api<Meeting>('GET', '/meetings/its-1');
    expect(its1.status).toBe(200);
    expect(its1.body).toMatchObject({ kind: 'thematic-session', city: 'Geneva', dates: { start: '2017-05-08', end: '2017-05-09' }, timeZone: 'Europe/Zurich' });
    const msh4 = await api<Meeting>('GET', '/meetings/msh-4');
    expect(msh4.body).toMatchObject({ dates: null, expectedPeriod: '2018-02', length: 'half-day' });
  });

  it('answers 404 for an unknown meeting and 400 for a malformed id', async () => {
    expect((await api('GET', '/meetings/its-99')).status).toBe(404);
    const malformed = await api('GET', '/meetings/Not%20An%20Id');
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields).toEqual([expect.objectContaining({ field: 'params.meetingId' })]);
  });

  it('filters by open registration and upcoming, and tells past from upcoming', async () => {
    const meetingId = uniqueMeetingId('open');
    expect((await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId) })).status).toBe(201);
    const open = (await allMeetings('registrationOpen=true')).map((meeting) => meeting.meetingId);
    expect(open).toContain(meetingId);
    expect(open).not.toContain('its-1');
    const notOpen = (await allMeetings('registrationOpen=false')).map((meeting) => meeting.meetingId);
    expect(notOpen).toContain('its-1');
    expect(notOpen).not.toContain(meetingId);

    const upcoming = (await allMeetings('upcoming=true')).map((meeting) => meeting.meetingId);
    expect(upcoming).toContain(meetingId);
    expect(upcoming).toContain('codial'); // dates to be announced
    expect(upcoming).not.toContain('its-1');
    const past = (await allMeetings('upcoming=false')).map((meeting) => meeting.meetingId);
    expect(past).toContain('its-1');
    expect(past).not.toContain('codial');
  });

  it('refuses bad filters by name', async () => {
    const response = await api('GET', '/meetings?kind=picnic&upcoming=yes&limit=0&colour=red');
    expect(response.status).toBe(400);
    expect((response.body.fields as { field: string }[]).map((problem) => problem.field).sort()).toEqual(['query.colour', 'query.kind', 'query.limit', 'query.upcoming']);
  });
});

describe('staff maintaining meetings', () => {
  it('creates a meeting (201, Location) and refuses the same id again with 409, changing nothing', async () => {
    const meetingId = uniqueMeetingId();
    const created = await api<Meeting>('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId) });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/meetings/${meetingId}`);
    expect(created.body).toMatchObject({ meetingId, version: 1, representativesPerOrganisation: 2 });

    const again = await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId, { title: 'Another title' }) });
    expect(again.status).toBe(409);
    expect((await api<Meeting>('GET', `/meetings/${meetingId}`)).body.title).toBe('Informal interactive multi-stakeholder hearing');
  });

  it('needs a staff token to create or change, and stores nothing without one', async () => {
    const meetingId = uniqueMeetingId();
    expect((await api('POST', '/meetings', { body: newMeeting(meetingId) })).status).toBe(401);
    expect((await api('POST', '/meetings', { token: `${staffToken()}x`, body: newMeeting(meetingId) })).status).toBe(401);
    expect((await api('PATCH', '/meetings/its-1', { body: { title: 'Hijacked title' } })).status).toBe(401);
    expect((await api('GET', `/meetings/${meetingId}`)).status).toBe(404);
    expect((await api<Meeting>('GET', '/meetings/its-1')).body.title).not.toBe('Hijacked title');
  });

  it('records a change of venue and dates for registrants, and not a change of title', async () => {
    const meetingId = uniqueMeetingId();
    await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId) });
    const moved = await api<Meeting>('PATCH', `/meetings/${meetingId}`, {
      token: staffToken(),
      body: { venue: 'Palais des Nations', city: 'Geneva', timeZone: 'Europe/Zurich' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ venue: 'Palais des Nations', city: 'Geneva', version: 2, title: 'Informal interactive multi-stakeholder hearing' });
    await api('PATCH', `/meetings/${meetingId}`, { token: staffToken(), body: { title: 'Second informal hearing' } });

    const changes = await api<Page<Record<string, unknown>>>('GET', `/meetings/${meetingId}/changes`, { token: staffToken() });
    expect(changes.status).toBe(200);
    expect(changes.body.items).toHaveLength(1);
    expect(changes.body.items[0]).toMatchObject({
      fields: ['venue', 'city', 'timeZone'],
      before: { venue: 'United Nations Headquarters', city: 'New York', timeZone: 'America/New_York' },
      after: { venue: 'Palais des Nations', city: 'Geneva', timeZone: 'Europe/Zurich' },
      changedBy: 'tester@opga.example.org',
      registrantsNotifiedAt: null,
    });
    expect((await api('GET', `/meetings/${meetingId}/changes`)).status).toBe(401);
  });

  it('refuses a change that would make the meeting inconsistent, naming the field, and keeps what was stored', async () => {
    const meetingId = uniqueMeetingId();
    await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId) });
    const response = await api('PATCH', `/meetings/${meetingId}`, { token: staffToken(), body: { dates: { start: '2030-01-10', end: '2030-01-10' } } });
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual([{ field: 'body.registration.closesAt', message: 'must not be after the meeting ends' }]);
    expect((await api<Meeting>('GET', `/meetings/${meetingId}`)).body).toMatchObject({ dates: { start: '2030-06-18' }, version: 1 });
  });

  it('refuses an empty change and unknown fields', async () => {
    expect((await api('PATCH', '/meetings/its-2', { token: staffToken(), body: {} })).status).toBe(400);
    const unknown = await api('PATCH', '/meetings/its-2', { token: staffToken(), body: { meetingId: 'its-22' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toContainEqual({ field: 'body.meetingId', message: 'is not a field of this request' });
  });

  it('applies concurrent changes one after the other, losing none', async () => {
    const meetingId = uniqueMeetingId();
    await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId) });
    const changes = [{ capacity: 300 }, { title: 'Hearing with a new title' }, { hasSpeakingSlots: false }, { representativesPerOrganisation: 3 }, { length: 'full-day' }, { capacity: 300, description: 'Moved to a larger room' }];
    const responses = await Promise.all(changes.map((body) => api('PATCH', `/meetings/${meetingId}`, { token: staffToken(), body })));
    expect(responses.map((response) => response.status)).toEqual(changes.map(() => 200));
    const after = (await api<Meeting>('GET', `/meetings/${meetingId}`)).body;
    expect(after).toMatchObject({ capacity: 300, title: 'Hearing with a new title', hasSpeakingSlots: false, representativesPerOrganisation: 3, length: 'full-day', description: 'Moved to a larger room', version: 7 });
  });
});
