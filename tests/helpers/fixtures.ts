// Request bodies shared by the integration and the browser tests (no test context needed to import).

/** A valid meeting to create, open for registration, with speaking slots; overrides change any field. */
export function newMeeting(meetingId: string, overrides: Record<string, unknown> = {}) {
  return {
    meetingId,
    kind: 'multi-stakeholder-hearing',
    title: 'Informal interactive multi-stakeholder hearing',
    length: 'half-day',
    venue: 'United Nations Headquarters',
    city: 'New York',
    dates: { start: '2030-06-18', end: '2030-06-18' },
    timeZone: 'America/New_York',
    registration: { opensAt: '2020-01-01T00:00:00-05:00', closesAt: '2030-06-11T23:59:00-04:00' },
    eligibleCategories: ['ecosoc-consultative-status', 'special-accreditation', 'nhri'],
    capacity: 250,
    hasSpeakingSlots: true,
    ...overrides,
  };
}
