import type { TemplateData, TemplateKey } from '#shared/email/templates.ts';

/** Sample data for every template: the preview route shows them, and the unit tests render them all. */
export const templateSamples: { [K in TemplateKey]: TemplateData<K> } = {
  notificationFailed: {
    notificationId: 'sample-notification',
    template: 'meeting-changed',
    to: ['pm.mex@missions.example.org'],
    attempts: 5,
    reason: 'attempts-exhausted',
    lastError: 'BadRequestException: Illegal address',
  },
  testMessage: { requestedBy: 'staff@opga.example.org', requestedAt: '2017-04-13T09:00:00.000Z' },
  registrationReceived: {
    contactName: 'Amina Diallo',
    organisationName: 'Migrants <Rights> & Dignity Network',
    meeting: { meetingId: 'msh-1', title: 'First informal interactive multi-stakeholder hearing', venue: 'United Nations Headquarters', city: 'New York', dates: { start: '2017-07-26', end: '2017-07-26' }, timeZone: 'America/New_York' },
    state: 'pending',
    representatives: [
      { name: 'Amina Diallo', wishesToSpeak: true },
      { name: 'Jorge Pérez', wishesToSpeak: false },
    ],
    statusUrl: 'http://127.0.0.1:3000/registrations/reg_sample00001#token=sample',
  },
  registrationStateChanged: {
    contactName: 'Amina Diallo',
    organisationName: 'Migrants <Rights> & Dignity Network',
    meeting: { meetingId: 'msh-1', title: 'First informal interactive multi-stakeholder hearing', venue: 'United Nations Headquarters', city: 'New York', dates: { start: '2017-07-26', end: '2017-07-26' }, timeZone: 'America/New_York' },
    state: 'declined',
    promoted: false,
    reason: 'The hearing is full; priority went to organisations from under-represented regions.',
    statusUrl: 'http://127.0.0.1:3000/registrations/reg_sample00001#token=sample',
  },
  meetingReminder: {
    contactName: 'Amina Diallo',
    organisationName: 'Migrants <Rights> & Dignity Network',
    meeting: { meetingId: 'msh-1', title: 'First informal interactive multi-stakeholder hearing', venue: 'United Nations Headquarters', city: 'New York', dates: { start: '2017-07-26', end: '2017-07-26' }, timeZone: 'America/New_York' },
    daysBefore: 7,
    representatives: ['Amina Diallo', 'Jorge Pérez'],
    statusUrl: 'http://127.0.0.1:3000/registrations/reg_sample00001#token=sample',
  },
  registrationClosed: {
    meeting: { meetingId: 'msh-1', title: 'First informal interactive multi-stakeholder hearing', venue: 'United Nations Headquarters', city: 'New York', dates: { start: '2017-07-26', end: '2017-07-26' }, timeZone: 'America/New_York' },
    closedAt: '2017-07-19T23:59:00-04:00',
    byState: { pending: 212, waitlisted: 31, withdrawn: 4 },
    representatives: 388,
    wishingToSpeak: 97,
  },
  applicationReceived: { contactName: 'Kofi Mensah', organisationName: 'Diaspora <Youth> & Remittances Forum', stage: 'preparatory-process', statusUrl: 'http://127.0.0.1:3000/accreditation/applications/acc_0123456789abcdef#token=sample' },
  applicationRejected: {
    contactName: 'Kofi Mensah',
    organisationName: 'Diaspora <Youth> & Remittances Forum',
    stage: 'preparatory-process',
    reason: 'The organisation’s work does not concern migration.',
    statusUrl: 'http://127.0.0.1:3000/accreditation/applications/acc_0123456789abcdef#token=sample',
  },
  meetingChanged: {
    recipientName: 'Amina <Diallo> & partners',
    meeting: {
      meetingId: 'its-3',
      title: 'International cooperation and governance of migration in all its dimensions',
      venue: 'Palais des Nations',
      city: 'Geneva',
      dates: { start: '2017-06-19', end: '2017-06-20' },
      timeZone: 'Europe/Zurich',
    },
    changedFields: ['dates', 'venue'],
  },
};
