import { describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/errors.ts';
import { enqueueNotification, notificationIdFor } from '#shared/email/outbox.ts';
import { renderMessage } from '#shared/email/render/index.ts';
import { templateSamples } from '#shared/email/samples.ts';
import { languages } from '#shared/email/schemas.ts';
import { buildMime } from '#shared/email/mime.ts';
import { templates, type TemplateKey } from '#shared/email/templates.ts';

const context = (language: (typeof languages)[number]) => ({ language, footer: 'Office of the President of the General Assembly', reference: 'ref-123' });
const now = new Date('2017-06-01T09:00:00Z');

describe('e-mail templates', () => {
  const cases = (Object.keys(templates) as TemplateKey[]).flatMap((key) => languages.map((language) => [key, language] as const));

  it.each(cases)('%s renders its sample data in %s, with text, HTML, footer and reference', (key, language) => {
    const message = renderMessage(templates[key].id, templateSamples[key], context(language));
    expect(message.subject.length).toBeGreaterThan(10);
    expect(message.text).toContain('Office of the President of the General Assembly');
    expect(message.text).toMatch(/R[ée]f[ée]rence: ref-123/);
    expect(message.html).toMatch(/^<!doctype html><html lang="(en|fr)">/);
    expect(message.html).not.toMatch(/undefined|\[object Object\]/);
    expect(message.text).not.toMatch(/undefined|\[object Object\]/);
  });

  it('escapes what users typed in the HTML, and keeps it as typed in the text', () => {
    const message = renderMessage('meeting-changed', templateSamples.meetingChanged, context('en'));
    expect(message.html).toContain('Amina &lt;Diallo&gt; &amp; partners');
    expect(message.html).not.toContain('<Diallo>');
    expect(message.text).toContain('Dear Amina <Diallo> & partners,');
  });

  it('writes the French message in French', () => {
    const message = renderMessage('meeting-changed', templateSamples.meetingChanged, context('fr'));
    expect(message.subject).toMatch(/^Modification d’une réunion/);
    expect(message.text).toContain('lieu');
  });

  it('attaches the meeting as an all-day calendar event ending the day after its last day', () => {
    const [ics] = renderMessage('meeting-changed', templateSamples.meetingChanged, context('en')).attachments;
    expect(ics).toMatchObject({ filename: 'its-3.ics', contentType: expect.stringContaining('text/calendar') });
    expect(ics?.content).toContain('DTSTART;VALUE=DATE:20170619');
    expect(ics?.content).toContain('DTEND;VALUE=DATE:20170621');
    expect(ics?.content).toContain('UID:its-3@stakeholder-registry');
    expect(ics?.content).toContain('LOCATION:Palais des Nations\\, Geneva');
  });

  it('sends no calendar file while the dates are to be announced', () => {
    const message = renderMessage('meeting-changed', { ...templateSamples.meetingChanged, meeting: { ...templateSamples.meetingChanged.meeting, dates: null } }, context('en'));
    expect(message.attachments).toEqual([]);
    expect(message.text).toContain('When: to be announced');
  });

  it('names each missing or wrong field of the data, and renders nothing', () => {
    const { recipientName: _name, ...missingName } = templateSamples.meetingChanged;
    expect(() => renderMessage('meeting-changed', { ...missingName, changedFields: [] }, context('en'))).toThrow(ValidationError);
    try {
      renderMessage('meeting-changed', { ...missingName, changedFields: [] }, context('en'));
    } catch (error) {
      expect((error as ValidationError).fields?.map((field) => field.field).sort()).toEqual(['body.data.changedFields', 'body.data.recipientName']);
    }
    expect(() => renderMessage('no-such-template', {}, context('en'))).toThrow(/No e-mail template/);
  });

  it('checks the data when a feature enqueues, so a wrong field fails the state change and not the send', () => {
    // @ts-expect-error: the compiler refuses data without recipientName, too
    const enqueue = () => enqueueNotification('meetingChanged', { to: ['a@example.org'], language: 'en', dedupeKey: 'k', data: { ...templateSamples.meetingChanged, recipientName: undefined } }, now);
    expect(enqueue).toThrow();
  });

  it('builds a notification item in the pending queue, named by its dedupe key', () => {
    const put = enqueueNotification('meetingChanged', { to: ['Registrant@Example.org'], language: 'fr', dedupeKey: 'meeting-changed:its-3:change-1:reg-9', data: templateSamples.meetingChanged }, now);
    const id = notificationIdFor('meeting-changed:its-3:change-1:reg-9');
    expect(put.Put.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(put.Put.Item).toMatchObject({
      pk: `NOTIFICATION#${id}`,
      gsi2pk: 'OUTBOX#pending',
      gsi2sk: `2017-06-01T09:00:00.000Z#${id}`,
      state: 'pending',
      attempts: 0,
      to: ['registrant@example.org'],
      template: 'meeting-changed',
      language: 'fr',
    });
    expect(notificationIdFor('meeting-changed:its-3:change-1:reg-9')).toBe(id);
    expect(notificationIdFor('meeting-changed:its-3:change-1:reg-10')).not.toBe(id);
  });

  it('builds a MIME message with text, HTML, the .ics attachment and the notification id', async () => {
    const message = renderMessage('meeting-changed', templateSamples.meetingChanged, context('en'));
    const mime = (await buildMime(message, { from: 'OPGA <no-reply@example.org>', to: ['a@example.org'], replyTo: 'opga@example.org', notificationId: 'n-1' })).toString('utf8');
    expect(mime).toMatch(/^From: OPGA <no-reply@example.org>/m);
    expect(mime).toMatch(/^Reply-To: opga@example.org/m);
    expect(mime).toMatch(/^X-Notification-Id: n-1/im);
    expect(mime).toContain('multipart/mixed');
    expect(mime).toContain('text/calendar');
    expect(mime).toContain('filename=its-3.ics');
  });
});

describe('non-objection e-mails', () => {
  const notice = templateSamples.circulationNotice;
  const applicants = notice.applicants;
  // Every State that objected in the samples' objection data (the asking mission, Norway, did not): none may reach a mission's answer or an applicant.
  const objectingStates = [
    templateSamples.objectionAlert.memberStateName,
    templateSamples.objectionAlert.memberState,
    ...templateSamples.objectionDigest.circulations.flatMap((circulation) => circulation.events.filter((event) => event.event !== 'information-requested').map((event) => event.memberStateName)),
  ];

  it('sends each mission the whole list and its own ballot link, in text and HTML', () => {
    for (const language of languages) {
      const message = renderMessage('circulation-notice', notice, context(language));
      for (const applicant of applicants) {
        expect(message.text).toContain(applicant.reference);
        expect(message.text).toContain(applicant.name);
        expect(message.html).toContain(`<td>${applicant.reference}</td>`);
      }
      expect(message.text).toContain(notice.ballotUrl);
      expect(message.html).toContain(`<a href="${notice.ballotUrl}">`);
      expect(message.text).toContain('Mexico');
      expect(message.subject).toContain(notice.title);
    }
    const english = renderMessage('circulation-notice', notice, context('en'));
    expect(english.text).toContain('presents his compliments to the Permanent Mission of Mexico');
    expect(english.text).toContain('Deadline for objections: Monday 1 May 2017, 23:59 UTC');
    expect(english.text).toMatch(/Silence is consent/);
    expect(english.text).toMatch(/for this Permanent Mission only/);
  });

  it('names the old and the new deadline when the deadline is extended, and the three days left in a reminder', () => {
    const extended = { ...notice, kind: 'extended' as const, deadline: '2017-05-08T23:59:00Z', previousDeadline: '2017-05-01T23:59:00Z' };
    const english = renderMessage('circulation-notice', extended, context('en'));
    expect(english.subject).toBe(`Deadline extended: ${notice.title}`);
    expect(english.text).toContain('Previous deadline: Monday 1 May 2017, 23:59 UTC');
    expect(english.text).toContain('Deadline for objections: Monday 8 May 2017, 23:59 UTC');
    const french = renderMessage('circulation-notice', extended, context('fr'));
    expect(french.text).toContain('lundi 1er mai 2017, 23 h 59 UTC');
    expect(french.text).toContain('lundi 8 mai 2017, 23 h 59 UTC');

    const reminder = renderMessage('circulation-notice', { ...notice, kind: 'reminder' }, context('en'));
    expect(reminder.subject).toMatch(/^Reminder, three days left/);
    expect(reminder.text).toContain('three days remain');
    expect(reminder.text).not.toContain('Previous deadline');
  });

  it('writes the deadline in UTC whatever offset it was stored with', () => {
    const message = renderMessage('circulation-notice', { ...notice, deadline: '2017-05-01T19:59:00-04:00' }, context('en'));
    expect(message.text).toContain('Monday 1 May 2017, 23:59 UTC');
  });

  it('tells staff which State did what to which names, and only whether a basis was given', () => {
    const message = renderMessage('objection-alert', templateSamples.objectionAlert, context('en'));
    expect(message.subject).toContain('Mexico');
    expect(message.text).toContain('Mexico (MEX) objected to');
    expect(message.text).toContain('Diaspora <Youth> & Remittances Forum');
    expect(message.text).toContain('A general basis was given');
    expect(message.text).toContain('Monday 24 April 2017, 14:05 UTC');
    expect(message.html).toContain('a &lt;short&gt; exchange &amp; further');
    const withdrawn = renderMessage('objection-alert', { ...templateSamples.objectionAlert, event: 'withdrawn', message: null }, context('en'));
    expect(withdrawn.text).toContain('withdrew its objection');
    expect(withdrawn.text).not.toMatch(/basis was given|Message from/);
  });

  it('counts the events and the standing objections per list in the digest', () => {
    const message = renderMessage('objection-digest', templateSamples.objectionDigest, context('en'));
    expect(message.subject).toBe('Objections digest: 3 events on 1 list');
    expect(message.text).toContain('Standing objections: 2; applicants objected to: 1.');
    for (const state of ['Mexico', 'Norway', 'Philippines']) expect(message.text).toContain(state);
  });

  it('shares the bases as received with the asking mission, never a State that objected, even when the data carries one', () => {
    const leaky = { ...templateSamples.informationAnswer, memberState: 'MEX', objectedBy: ['Mexico', 'Philippines'] };
    for (const language of languages) {
      const message = renderMessage('information-answer', leaky, context(language));
      for (const state of objectingStates) {
        expect(message.text).not.toContain(state);
        expect(message.html).not.toContain(state);
      }
      expect(message.text).toContain('Its work does not concern migration.');
      expect(message.text).toContain('> Could you share the basis');
      expect(message.text).toContain(templateSamples.informationAnswer.memberStateName);
    }
    expect(objectingStates).toEqual(['Mexico', 'MEX', 'Mexico', 'Philippines']);
    expect(renderMessage('information-answer', templateSamples.informationAnswer, context('en')).text).toMatch(/as received, in confidence/);
  });

  it('tells the applicant the outcome without a reason or an objecting State', () => {
    const leaky = { ...templateSamples.accreditationOutcome, objectedBy: 'Mexico', memberState: 'MEX' };
    for (const language of languages) {
      const message = renderMessage('accreditation-outcome', leaky, context(language));
      for (const state of objectingStates) expect(message.text + message.html).not.toContain(state);
      expect(message.text).not.toMatch(/objected|objecting|objection (by|from)|reason|Member State|motif|État/i);
      expect(message.text).toContain(templateSamples.accreditationOutcome.statusUrl);
    }
    expect(renderMessage('accreditation-outcome', leaky, context('en')).text).toContain('has not been accredited to the preparatory process');
    const accredited = renderMessage('accreditation-outcome', { ...templateSamples.accreditationOutcome, outcome: 'accredited' }, context('en'));
    expect(accredited.text).toContain('is accredited to the preparatory process');
    expect(accredited.text).toContain('each meeting needs its own registration');
  });

  it('gives staff the final list and the names left off with their objection counts', () => {
    const message = renderMessage('circulation-closed', templateSamples.circulationClosed, context('en'));
    expect(message.subject).toContain('(2 accredited, 1 not accredited)');
    expect(message.text).toContain('Final list, accredited (2):');
    expect(message.text).toContain('Diaspora <Youth> & Remittances Forum (GHA, diaspora organisation), objections: 2');
    expect(message.html).toContain('<td>Diaspora &lt;Youth&gt; &amp; Remittances Forum</td><td>GHA</td><td>diaspora organisation</td><td>2</td>');
  });

  it('writes the French subjects in French', () => {
    const subjects = (['circulationNotice', 'objectionAlert', 'objectionDigest', 'informationAnswer', 'accreditationOutcome', 'circulationClosed'] as const).map(
      (key) => renderMessage(templates[key].id, templateSamples[key], context('fr')).subject,
    );
    expect(subjects).toEqual([
      `Pour examen selon la procédure d’approbation tacite : ${notice.title}`,
      `Objection : Mexico, ${notice.title}`,
      'Synthèse des objections : 3 événements sur 1 liste',
      `Informations sur le fondement des objections : ${notice.title}`,
      'Accréditation spéciale pour le processus préparatoire : résultat',
      `Liste close : ${notice.title} (2 accréditées, 1 non accréditée)`,
    ]);
  });

  it('escapes applicant names in the HTML of every message that lists them', () => {
    const rendered = (['circulationNotice', 'objectionAlert', 'informationAnswer', 'accreditationOutcome', 'circulationClosed'] as const).map((key) => renderMessage(templates[key].id, templateSamples[key], context('en')));
    for (const message of rendered) {
      expect(message.html).toContain('Diaspora &lt;Youth&gt; &amp; Remittances Forum');
      expect(message.html).not.toContain('<Youth>');
      expect(message.text).toContain('Diaspora <Youth> & Remittances Forum');
    }
  });
});
