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
