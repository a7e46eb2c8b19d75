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
