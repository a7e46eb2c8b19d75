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

describe('steering committee e-mails', () => {
  const received = templateSamples.candidateReceived;
  const decision = templateSamples.candidateDecision;
  const url = 'http://127.0.0.1:3000/steering-committee/members/scm_0123456789abcdef#token=sample';

  it('acknowledges an application with the call, its deadline in UTC, the seats and the selection criteria', () => {
    const message = renderMessage('candidate-received', received, context('en'));
    expect(message.subject).toBe('Stakeholder steering committee: application received (April 2017)');
    expect(message.text).toContain('Dear Ngozi Okafor <Youth & Migration Forum>,');
    expect(message.text).toContain('15 seats');
    expect(message.text).toContain('Sunday 30 April 2017, 23:59 UTC');
    expect(message.text).toContain('expertise and the diversity of their constituencies, with due regard for geographical, gender and age balance');
    expect(message.text).toContain('told the outcome after the deadline');
    expect(renderMessage('candidate-received', received, context('fr')).text).toContain('dimanche 30 avril 2017, 23 h 59 UTC');
  });

  it('gives a selected member the committee page and the hearings rule, and the reason when staff gave one', () => {
    for (const language of languages) {
      const message = renderMessage('candidate-decision', decision, context(language));
      expect(message.text).toContain(url);
      expect(message.html).toContain(`<a href="${url}">`);
    }
    const message = renderMessage('candidate-decision', decision, context('en'));
    expect(message.text).toContain('members of the steering committee are not considered for speaking roles at the informal interactive multi-stakeholder hearings');
    expect(message.text).toContain('recommend speakers');
    expect(message.text).toContain(`Reason: ${decision.reason}`);
    expect(renderMessage('candidate-decision', { ...decision, reason: null }, context('en')).text).not.toContain('Reason');
  });

  it('thanks a candidate not selected, with no committee link and no hearings rule, even when the data carries a link', () => {
    for (const language of languages) {
      const message = renderMessage('candidate-decision', { ...decision, selected: false, reason: null }, context(language));
      expect(message.text + message.html).not.toContain('steering-committee/members');
      expect(message.html).not.toContain('<a ');
      expect(message.text).not.toMatch(/speaking roles|prendre la parole/);
    }
    expect(renderMessage('candidate-decision', { ...decision, selected: false, committeeUrl: null }, context('en')).text).toMatch(/Thank you for your application/);
  });

  it('escapes the candidate name and the reason in the HTML', () => {
    for (const key of ['candidateReceived', 'candidateDecision'] as const) {
      const message = renderMessage(templates[key].id, templateSamples[key], context('en'));
      expect(message.html).toContain('Ngozi Okafor &lt;Youth &amp; Migration Forum&gt;');
      expect(message.html).not.toContain('<Youth');
    }
    expect(renderMessage('candidate-decision', decision, context('en')).html).toContain('youth &amp; migration &lt;in West Africa&gt;');
  });

  it('writes the French subjects in French', () => {
    expect(renderMessage('candidate-received', received, context('fr')).subject).toBe('Comité directeur des parties prenantes : candidature reçue (April 2017)');
    expect(renderMessage('candidate-decision', decision, context('fr')).subject).toBe(`Comité directeur des parties prenantes : votre candidature est retenue (${decision.callTitle})`);
    expect(renderMessage('candidate-decision', { ...decision, selected: false }, context('fr')).subject).toBe(`Comité directeur des parties prenantes : résultat de votre candidature (${decision.callTitle})`);
  });
});

describe('trust fund e-mails', () => {
  const reply = templateSamples.trustFundReply;
  const fund = reply.fund;
  const alert = templateSamples.trustFundInquiryAlert;
  const stale = templateSamples.trustFundStaleInquiry;
  const notEligible = { ...reply, eligible: false, donorName: 'Acme <Shipping> & Logistics Ltd' };

  it('gives every donor the fund’s details from the data: objectives, contacts, arrangement and status link, in text and HTML', () => {
    for (const language of languages) {
      const message = renderMessage('trust-fund-reply', reply, context(language));
      expect(message.text).toContain(fund.name);
      expect(message.text).toContain(fund.purpose);
      expect(message.text).toContain(fund.earmarking);
      for (const objective of fund.objectives) {
        expect(message.text).toContain(objective.title);
        expect(message.text).toContain(objective.description);
        expect(message.html).toContain(`<strong>${objective.title}</strong>`);
      }
      for (const contact of fund.contacts) {
        expect(message.text).toContain(contact.email);
        expect(message.html).toContain(`<a href="mailto:${contact.email}">${contact.email}</a>`);
        if (contact.phone) expect(message.text).toContain(contact.phone);
      }
      expect(message.text).toContain(fund.arrangement.title);
      expect(message.text).toContain(fund.arrangement.instructions);
      expect(message.html).toContain(fund.arrangement.instructions);
      expect(message.text).toContain(fund.arrangement.url);
      expect(message.html).toContain(`<a href="${fund.arrangement.url}">`);
      expect(message.text).toContain(reply.statusUrl);
      expect(message.html).toContain(`<a href="${reply.statusUrl}">`);
      expect(message.text).not.toMatch(/manual|by hand|cas par cas/);
    }
    expect(renderMessage('trust-fund-reply', reply, context('en')).text).toContain('Earmarked to: Travel of representatives of least developed countries');
  });

  it('takes everything from the data: other objectives, contacts and arrangement replace the sample ones entirely', () => {
    const other = {
      ...reply,
      objectiveTitle: null,
      earmarked: false,
      fund: {
        ...fund,
        arrangement: { title: 'Another arrangement', instructions: 'Write to the office.', url: null },
        objectives: [{ objectiveId: 'x', title: 'Interpretation services', description: 'Interpretation at the hearings.' }],
        contacts: [{ name: 'Someone Else', role: 'Treasury', email: 'treasury@example.org', phone: null }],
      },
    };
    const message = renderMessage('trust-fund-reply', other, context('en'));
    for (const gone of [...fund.objectives.map((objective) => objective.title), ...fund.contacts.map((contact) => contact.email), fund.arrangement.title, fund.arrangement.url]) {
      expect(message.text + message.html).not.toContain(gone);
    }
    expect(message.text).toContain('Interpretation services');
    expect(message.text).toContain('treasury@example.org');
    expect(message.text).toContain('Write to the office.');
    expect(message.text).toContain('Earmarking: un-earmarked');
  });

  it('tells a donor of another type that staff will review the inquiry by hand, and still gives the details', () => {
    for (const language of languages) {
      const message = renderMessage('trust-fund-reply', notEligible, context(language));
      expect(message.text).toMatch(/review your inquiry by hand|examinera votre demande au cas par cas/);
      expect(message.text).toMatch(/not a refusal|pas d’un refus/);
      for (const objective of fund.objectives) expect(message.text).toContain(objective.title);
      for (const contact of fund.contacts) expect(message.text).toContain(contact.email);
      expect(message.text).toContain(fund.arrangement.instructions);
      expect(message.text).toContain(reply.statusUrl);
    }
    expect(renderMessage('trust-fund-reply', notEligible, context('en')).text).toContain(
      'Member States, regional legislative bodies, intergovernmental organisations and philanthropic organisations',
    );
  });

  it('formats the intended amount with its currency', () => {
    expect(renderMessage('trust-fund-reply', reply, context('en')).text).toContain('Intended contribution: USD 250,000.00');
    expect(renderMessage('trust-fund-reply', reply, context('fr')).text).toContain('Contribution envisagée: 250 000,00 USD');
    expect(renderMessage('trust-fund-reply', { ...reply, intended: { amount: 1500000, currency: 'JPY' } }, context('en')).text).toContain('JPY 1,500,000');
    expect(renderMessage('trust-fund-reply', { ...reply, intended: { amount: 10000.5, currency: 'eur' } }, context('en')).text).toContain('EUR 10,000.50');
    expect(renderMessage('trust-fund-inquiry-alert', alert, context('en')).subject).toBe('Trust fund inquiry: Nordic <Migration> & Development Foundation (USD 250,000.00)');
    // The currency's own decimals (ISO 4217), not the browser's (CLDR shows the Iraqi dinar without its three), from the exact text.
    expect(renderMessage('trust-fund-reply', { ...reply, intended: { amount: '1500.250', currency: 'IQD', minorUnits: 1500250 } }, context('en')).text).toContain('IQD 1,500.250');
    expect(renderMessage('trust-fund-reply', { ...reply, intended: { amount: '1500000', currency: 'JPY', minorUnits: 1500000 } }, context('fr')).text).toContain('1 500 000 JPY');
    // Stored before amounts were held in minor units: read as the currency's minor units.
    expect(renderMessage('trust-fund-reply', { ...reply, intended: { amount: 10.1, currency: 'JPY' } }, context('en')).text).toContain('JPY 10');
    // A code Intl refuses still renders, as given.
    expect(renderMessage('trust-fund-reply', { ...reply, intended: { amount: 100, currency: 'US' } }, context('en')).text).toContain('US 100.00');
  });

  it('tells staff of a new inquiry: donor, type, country, eligibility, amount, earmarking and message', () => {
    const message = renderMessage('trust-fund-inquiry-alert', alert, context('en'));
    expect(message.text).toContain('Donor: Nordic <Migration> & Development Foundation');
    expect(message.text).toContain('Type: philanthropic organisation');
    expect(message.text).toContain('Country: NOR');
    expect(message.text).toContain('Eligibility: a donor type the resolution names');
    expect(message.text).toContain('Intended contribution: USD 250,000.00');
    expect(message.text).toContain('Earmarked to: Travel of representatives of least developed countries');
    expect(message.text).toContain('> We would like to support <LDC> participation');
    expect(message.text).toContain(alert.inquiryId);
    expect(message.html).toContain('support &lt;LDC&gt; participation &amp; could');
    const review = renderMessage('trust-fund-inquiry-alert', { ...alert, eligible: false, donorType: 'private-sector', earmarked: false, objectiveTitle: null, message: null }, context('en'));
    expect(review.subject).toMatch(/^Trust fund inquiry for manual review: /);
    expect(review.text).toContain('review the inquiry by hand');
    expect(review.text).toContain('Type: private sector');
    expect(review.text).toContain('Earmarking: un-earmarked');
    expect(review.text).not.toContain('Message from the donor');
    expect(renderMessage('trust-fund-inquiry-alert', { ...alert, donorType: 'cooperative' }, context('en')).text).toContain('Type: cooperative');
  });

  it('tells staff of an inquiry untouched for some days, its state and when it last changed', () => {
    const message = renderMessage('trust-fund-stale-inquiry', stale, context('en'));
    expect(message.subject).toBe('Trust fund inquiry untouched for 14 days: Nordic <Migration> & Development Foundation');
    expect(message.text).toContain('has not changed for 14 days');
    expect(message.text).toContain('State: arrangement-sent');
    expect(message.text).toContain('Last changed: Tuesday 2 May 2017, 10:30 UTC');
    expect(renderMessage('trust-fund-stale-inquiry', stale, context('fr')).text).toContain('mardi 2 mai 2017, 10 h 30 UTC');
    expect(renderMessage('trust-fund-stale-inquiry', { ...stale, daysUntouched: 1 }, context('en')).subject).toContain('for 1 day:');
  });

  it('escapes the donor name and the fund’s texts in the HTML', () => {
    for (const key of ['trustFundReply', 'trustFundInquiryAlert', 'trustFundStaleInquiry'] as const) {
      const message = renderMessage(templates[key].id, templateSamples[key], context('en'));
      expect(message.html).toContain('Nordic &lt;Migration&gt; &amp; Development Foundation');
      expect(message.html).not.toContain('<Migration>');
    }
    const hostile = { ...reply, fund: { ...fund, objectives: [{ objectiveId: 'x', title: '<script>alert(1)</script>', description: 'a & b' }], arrangement: { ...fund.arrangement, url: 'javascript:alert(1)' } } };
    const message = renderMessage('trust-fund-reply', hostile, context('en'));
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(message.html).not.toContain('<script>');
    expect(message.html).not.toContain('href="javascript:');
  });

  it('writes the French subjects in French', () => {
    expect(renderMessage('trust-fund-reply', reply, context('fr')).subject).toBe(`Votre demande de contribution : ${fund.name}`);
    expect(renderMessage('trust-fund-inquiry-alert', alert, context('fr')).subject).toBe(`Demande de contribution au fonds d’affectation spéciale : ${alert.donorName} (250 000,00 USD)`);
    expect(renderMessage('trust-fund-inquiry-alert', { ...alert, eligible: false }, context('fr')).subject).toBe(`Demande de contribution à examiner au cas par cas : ${alert.donorName} (250 000,00 USD)`);
    expect(renderMessage('trust-fund-stale-inquiry', stale, context('fr')).subject).toBe(`Demande de contribution sans suite depuis 14 jours : ${stale.donorName}`);
  });
});
