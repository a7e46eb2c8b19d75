import type * as z from 'zod';
import { html } from '#shared/email/html.ts';
import type { Language, RenderedMessage } from '#shared/email/schemas.ts';
import type { templates } from '#shared/email/templates.ts';
import { frame, type RenderContext } from '#shared/email/render/layout.ts';

type Notice = z.output<typeof templates.circulationNotice.data>;
type Alert = z.output<typeof templates.objectionAlert.data>;
type Digest = z.output<typeof templates.objectionDigest.data>;
type Answer = z.output<typeof templates.informationAnswer.data>;
type Outcome = z.output<typeof templates.accreditationOutcome.data>;
type Closed = z.output<typeof templates.circulationClosed.data>;
type Applicant = Notice['applicants'][number];
type Event = Alert['event'];

// Written out rather than Intl, so a deadline reads the same whatever ICU data the runtime has.
const calendar = {
  en: {
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    format: (day: string, date: number, month: string, year: number, hh: string, mm: string) => `${day} ${date} ${month} ${year}, ${hh}:${mm} UTC`,
  },
  fr: {
    days: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
    months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
    format: (day: string, date: number, month: string, year: number, hh: string, mm: string) => `${day} ${date === 1 ? '1er' : date} ${month} ${year}, ${hh} h ${mm} UTC`,
  },
} as const;

/** An instant in UTC, e.g. "Monday 1 May 2017, 23:59 UTC" or "lundi 1er mai 2017, 23 h 59 UTC". */
export function utcInstant(value: string, language: Language): string {
  const at = new Date(value);
  const c = calendar[language];
  const pad = (n: number) => String(n).padStart(2, '0');
  return c.format(c.days[at.getUTCDay()] ?? '', at.getUTCDate(), c.months[at.getUTCMonth()] ?? '', at.getUTCFullYear(), pad(at.getUTCHours()), pad(at.getUTCMinutes()));
}

const words = {
  en: {
    stage: { 'preparatory-process': 'the preparatory process', 'intergovernmental-conference': 'the intergovernmental conference' },
    types: { ngo: 'NGO', 'civil-society-organisation': 'civil society organisation', 'academic-institution': 'academic institution', 'private-sector': 'private sector', 'diaspora-organisation': 'diaspora organisation', 'migrant-organisation': 'migrant organisation', nhri: 'NHRI' } as Record<string, string>,
    columns: ['Reference', 'Organisation', 'Country', 'Type'],
    none: 'none',
    stageLabel: 'Stage',
    deadline: 'Deadline for objections',
    previousDeadline: 'Previous deadline',
    noticeSubject: { circulated: (title: string) => `For consideration on a non-objection basis: ${title}`, extended: (title: string) => `Deadline extended: ${title}`, reminder: (title: string) => `Reminder, three days left: ${title}` },
    compliments: (state: string) => `The President of the General Assembly presents his compliments to the Permanent Mission of ${state} to the United Nations`,
    notice: {
      circulated: (title: string, stage: string) => `and has the honour to transmit the list “${title}” of organisations proposed for special accreditation to ${stage}, for the consideration of Member States on a non-objection basis.`,
      extended: (title: string, stage: string) => `and has the honour to inform it that the deadline for objections to the list “${title}” (special accreditation to ${stage}) has been extended.`,
      reminder: (title: string, stage: string) => `and has the honour to recall that three days remain before the deadline for objections to the list “${title}” (special accreditation to ${stage}).`,
    },
    silence: 'Silence is consent: at the deadline, every name to which no Member State has objected is accredited.',
    list: (count: number) => `The list (${count} ${count === 1 ? 'name' : 'names'}):`,
    ballot: 'The link below is for this Permanent Mission only; please do not forward it. With it the Mission can object to names, withdraw an objection, or ask for the information received on the basis of objections:',
    events: { objected: 'objected to', withdrawn: 'withdrew its objection to', 'information-requested': 'asked for the information on the basis of objections to' },
    alertSubject: { objected: 'Objection', withdrawn: 'Objection withdrawn', 'information-requested': 'Information requested' },
    subject: (what: string, state: string, title: string) => `${what}: ${state}, ${title}`,
    wholeList: 'the list as a whole',
    alertLine: (state: string, code: string, event: string, title: string) => `${state} (${code}) ${event} names on the list “${title}”:`,
    alertLineWhole: (state: string, code: string, event: string, title: string) => `${state} (${code}) ${event} the list “${title}”.`,
    basisGiven: 'A general basis was given; it is kept in the staff console.',
    basisNotGiven: 'No general basis was given.',
    message: 'Message from the Mission',
    at: 'Time',
    console: (id: string) => `See the circulation ${id} in the staff console.`,
    consoleLists: 'See the circulations in the staff console.',
    digestSubject: (events: number, lists: number) => `Objections digest: ${events} ${events === 1 ? 'event' : 'events'} on ${lists} ${lists === 1 ? 'list' : 'lists'}`,
    digestIntro: (since: string, until: string) => `Objections from ${since} to ${until}.`,
    noEvents: 'No new events.',
    standing: (objections: number, applicants: number) => `Standing objections: ${objections}; applicants objected to: ${applicants}.`,
    answerSubject: (title: string) => `Information on the basis of objections: ${title}`,
    answerIntro: (title: string) => `and, in reply to its request for information on the basis of objections to the list “${title}”, has the honour to convey the following.`,
    question: 'The Mission’s request',
    answer: 'Answer',
    bases: 'The general bases given for objections to each name are shared below as received, in confidence, without saying which Member State gave them:',
    noBasis: 'no general basis was given',
    noBases: 'No general basis has been given for objections to these names.',
    dear: (name: string) => `Dear ${name},`,
    outcomeSubject: { accredited: (stage: string) => `Special accreditation to ${stage}: accredited`, 'not-accredited': (stage: string) => `Special accreditation to ${stage}: outcome` },
    accredited: (org: string, stage: string) => `Following the non-objection procedure, ${org} is accredited to ${stage}. It can now register for the meetings of ${stage}; each meeting needs its own registration.`,
    notAccredited: (org: string, stage: string) => `Following the non-objection procedure, ${org} has not been accredited to ${stage}. OPGA staff may include the organisation on a later list.`,
    status: 'Follow the application:',
    closedSubject: (title: string, accredited: number, not: number) => `List closed: ${title} (${accredited} accredited, ${not} not accredited)`,
    closedIntro: (title: string, id: string, stage: string, deadline: string, closedAt: string) => `The list “${title}” (${id}) for ${stage} closed at ${closedAt}; its deadline was ${deadline}.`,
    final: (count: number) => `Final list, accredited (${count}):`,
    notAccreditedList: (count: number) => `Not accredited (${count}):`,
    objections: 'Objections',
  },
  fr: {
    stage: { 'preparatory-process': 'le processus préparatoire', 'intergovernmental-conference': 'la conférence intergouvernementale' },
    types: { ngo: 'ONG', 'civil-society-organisation': 'organisation de la société civile', 'academic-institution': 'établissement universitaire', 'private-sector': 'secteur privé', 'diaspora-organisation': 'organisation de la diaspora', 'migrant-organisation': 'organisation de migrant·es', nhri: 'INDH' } as Record<string, string>,
    columns: ['Référence', 'Organisation', 'Pays', 'Type'],
    none: 'aucun',
    stageLabel: 'Étape',
    deadline: 'Date limite des objections',
    previousDeadline: 'Date limite précédente',
    noticeSubject: { circulated: (title: string) => `Pour examen selon la procédure d’approbation tacite : ${title}`, extended: (title: string) => `Délai prolongé : ${title}`, reminder: (title: string) => `Rappel, trois jours restants : ${title}` },
    compliments: (state: string) => `Le Président de l’Assemblée générale présente ses compliments à la Mission permanente auprès de l’Organisation des Nations Unies (${state})`,
    notice: {
      circulated: (title: string, stage: string) => `et a l’honneur de lui transmettre la liste « ${title} » des organisations proposées pour une accréditation spéciale pour ${stage}, soumise à l’examen des États Membres selon la procédure d’approbation tacite.`,
      extended: (title: string, stage: string) => `et a l’honneur de l’informer que le délai pour formuler des objections à la liste « ${title} » (accréditation spéciale pour ${stage}) a été prolongé.`,
      reminder: (title: string, stage: string) => `et a l’honneur de lui rappeler qu’il reste trois jours avant la date limite des objections à la liste « ${title} » (accréditation spéciale pour ${stage}).`,
    },
    silence: 'Le silence vaut approbation : à la date limite, tout nom n’ayant fait l’objet d’aucune objection d’un État Membre est accrédité.',
    list: (count: number) => `La liste (${count} ${count === 1 ? 'nom' : 'noms'}) :`,
    ballot: 'Le lien ci-dessous est réservé à cette Mission permanente ; merci de ne pas le transmettre. Il permet de formuler une objection à des noms, de retirer une objection ou de demander les informations reçues sur le fondement des objections :',
    events: { objected: 'a formulé une objection à', withdrawn: 'a retiré son objection à', 'information-requested': 'a demandé les informations sur le fondement des objections à' },
    alertSubject: { objected: 'Objection', withdrawn: 'Objection retirée', 'information-requested': 'Demande d’informations' },
    subject: (what: string, state: string, title: string) => `${what} : ${state}, ${title}`,
    wholeList: 'l’ensemble de la liste',
    alertLine: (state: string, code: string, event: string, title: string) => `${state} (${code}) ${event} des noms de la liste « ${title} » :`,
    alertLineWhole: (state: string, code: string, event: string, title: string) => `${state} (${code}) ${event} la liste « ${title} ».`,
    basisGiven: 'Un fondement général a été indiqué ; il est conservé dans la console du personnel.',
    basisNotGiven: 'Aucun fondement général n’a été indiqué.',
    message: 'Message de la Mission',
    at: 'Date et heure',
    console: (id: string) => `Voir la liste ${id} dans la console du personnel.`,
    consoleLists: 'Voir les listes dans la console du personnel.',
    digestSubject: (events: number, lists: number) => `Synthèse des objections : ${events} ${events === 1 ? 'événement' : 'événements'} sur ${lists} ${lists === 1 ? 'liste' : 'listes'}`,
    digestIntro: (since: string, until: string) => `Objections du ${since} au ${until}.`,
    noEvents: 'Aucun nouvel événement.',
    standing: (objections: number, applicants: number) => `Objections en vigueur : ${objections} ; candidatures visées : ${applicants}.`,
    answerSubject: (title: string) => `Informations sur le fondement des objections : ${title}`,
    answerIntro: (title: string) => `et, en réponse à sa demande d’informations sur le fondement des objections à la liste « ${title} », a l’honneur de lui communiquer ce qui suit.`,
    question: 'La demande de la Mission',
    answer: 'Réponse',
    bases: 'Les fondements généraux indiqués pour les objections à chaque nom sont communiqués ci-dessous tels que reçus, à titre confidentiel, sans préciser quel État Membre les a indiqués :',
    noBasis: 'aucun fondement général n’a été indiqué',
    noBases: 'Aucun fondement général n’a été indiqué pour les objections à ces noms.',
    dear: (name: string) => `Madame, Monsieur ${name},`,
    outcomeSubject: { accredited: (stage: string) => `Accréditation spéciale pour ${stage} : accréditée`, 'not-accredited': (stage: string) => `Accréditation spéciale pour ${stage} : résultat` },
    accredited: (org: string, stage: string) => `À l’issue de la procédure d’approbation tacite, ${org} est accréditée pour ${stage}. Elle peut désormais s’inscrire aux réunions de cette étape ; chaque réunion demande une inscription distincte.`,
    notAccredited: (org: string, stage: string) => `À l’issue de la procédure d’approbation tacite, ${org} n’a pas été accréditée pour ${stage}. Le personnel du Bureau du Président pourra inscrire l’organisation sur une liste ultérieure.`,
    status: 'Suivre la demande :',
    closedSubject: (title: string, accredited: number, not: number) => `Liste close : ${title} (${accredited} ${accredited > 1 ? 'accréditées' : 'accréditée'}, ${not} non ${not > 1 ? 'accréditées' : 'accréditée'})`,
    closedIntro: (title: string, id: string, stage: string, deadline: string, closedAt: string) => `La liste « ${title} » (${id}) pour ${stage} a été close le ${closedAt} ; sa date limite était le ${deadline}.`,
    final: (count: number) => `Liste finale, organisations accréditées (${count}) :`,
    notAccreditedList: (count: number) => `Non accréditées (${count}) :`,
    objections: 'Objections',
  },
} as const;

type Words = (typeof words)[Language];

/** The applicants as text lines and as an HTML table; `extra` adds a column, e.g. the objection count. */
function applicantList<A extends Applicant>(applicants: A[], w: Words, extra?: { label: string; value: (applicant: A) => string | number }) {
  if (applicants.length === 0) return { text: `- ${w.none}`, html: html`<p>${w.none}</p>` };
  const type = (applicant: A) => w.types[applicant.organisationType] ?? applicant.organisationType;
  const text = applicants.map((a) => `- ${a.reference}  ${a.name} (${a.country}, ${type(a)})${extra ? `, ${extra.label.toLowerCase()}: ${extra.value(a)}` : ''}`).join('\n');
  const headers = extra ? [...w.columns, extra.label] : w.columns;
  const rows = applicants.map((a) => html`<tr><td>${a.reference}</td><td>${a.name}</td><td>${a.country}</td><td>${type(a)}</td>${extra ? html`<td>${extra.value(a)}</td>` : ''}</tr>`);
  return { text, html: html`<table cellpadding="4" style="border-collapse: collapse"><thead><tr>${headers.map((header) => html`<th scope="col" align="left">${header}</th>`)}</tr></thead><tbody>${rows}</tbody></table>` };
}

/** To a Member State's mission: the list for non-objection, a later deadline, or the 3-day reminder; with its own ballot link. */
export function renderCirculationNotice(data: Notice, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const stage = w.stage[data.stage];
  const opening = `${w.compliments(data.memberStateName)} ${w.notice[data.kind](data.title, stage)}`;
  const previous = data.kind === 'extended' && data.previousDeadline ? `${w.previousDeadline}: ${utcInstant(data.previousDeadline, context.language)}` : '';
  const deadline = `${w.deadline}: ${utcInstant(data.deadline, context.language)}`;
  const list = applicantList(data.applicants, w);
  const text = `${opening}

${w.stageLabel}: ${stage}
${previous ? `${previous}\n` : ''}${deadline}

${w.silence}

${w.list(data.applicants.length)}
${list.text}

${w.ballot}
${data.ballotUrl}`;
  const body = html`<p>${opening}</p>
<p>${w.stageLabel}: ${stage}<br>${previous ? html`${previous}<br>` : ''}<strong>${deadline}</strong></p>
<p>${w.silence}</p>
<p>${w.list(data.applicants.length)}</p>${list.html}
<p>${w.ballot}<br><a href="${data.ballotUrl}">${data.ballotUrl}</a></p>`;
  return { ...frame(context, w.noticeSubject[data.kind](data.title), text, body), attachments: [] };
}

function eventLine(w: Words, event: Event, state: string, code: string, title: string, named: number): string {
  return named > 0 ? w.alertLine(state, code, w.events[event], title) : w.alertLineWhole(state, code, w.events[event], title);
}

/** To OPGA staff: one Member State objected, withdrew an objection, or asked for information. Never the basis itself. */
export function renderObjectionAlert(data: Alert, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const headline = eventLine(w, data.event, data.memberStateName, data.memberState, data.title, data.applicants.length);
  const list = data.applicants.length > 0 ? applicantList(data.applicants, w) : null;
  const basis = data.event === 'objected' ? (data.basisGiven ? w.basisGiven : w.basisNotGiven) : '';
  const message = data.message ? `${w.message}: ${data.message}` : '';
  const at = `${w.at}: ${utcInstant(data.at, context.language)}`;
  const subject = w.subject(w.alertSubject[data.event], data.memberStateName, data.title);
  const text = [headline, list?.text, basis, message, at, w.console(data.circulationId)].filter(Boolean).join('\n\n');
  const body = html`<p>${headline}</p>${list ? list.html : ''}${basis ? html`<p>${basis}</p>` : ''}${message ? html`<p>${w.message}:</p><blockquote>${data.message}</blockquote>` : ''}
<p>${at}</p><p>${w.console(data.circulationId)}</p>`;
  return { ...frame(context, subject, text, body), attachments: [] };
}

/** To OPGA staff: the objection events of a period, per circulated list, with the counts that stand. */
export function renderObjectionDigest(data: Digest, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const when = (value: string) => utcInstant(value, context.language);
  const eventCount = data.circulations.reduce((sum, circulation) => sum + circulation.events.length, 0);
  const sections = data.circulations.map((circulation) => {
    const heading = `${circulation.title} (${circulation.circulationId}), ${w.deadline.toLowerCase()}: ${when(circulation.deadline)}`;
    const events = circulation.events.map((event) => `${when(event.at)}: ${event.memberStateName} ${w.events[event.event]} ${event.applicants.length > 0 ? event.applicants.join(', ') : w.wholeList}`);
    const standing = w.standing(circulation.standingObjections, circulation.applicantsObjectedTo);
    return { heading, events, standing };
  });
  const intro = w.digestIntro(when(data.since), when(data.until));
  const text = `${intro}

${sections.map((section) => `${section.heading}\n${section.events.length > 0 ? section.events.map((event) => `- ${event}`).join('\n') : w.noEvents}\n${section.standing}`).join('\n\n')}

${w.consoleLists}`;
  const body = html`<p>${intro}</p>
${sections.map((section) => html`<h2 style="font-size: 1.1em">${section.heading}</h2>${section.events.length > 0 ? html`<ul>${section.events.map((event) => html`<li>${event}</li>`)}</ul>` : html`<p>${w.noEvents}</p>`}<p>${section.standing}</p>`)}
<p>${w.consoleLists}</p>`;
  return { ...frame(context, w.digestSubject(eventCount, data.circulations.length), text, body), attachments: [] };
}

/** To the mission that asked: staff's answer and the general bases per name, as received; no State is ever named. */
export function renderInformationAnswer(data: Answer, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const opening = `${w.compliments(data.memberStateName)} ${w.answerIntro(data.title)}`;
  const bases = data.bases.map((entry) => ({ applicant: entry.applicant, bases: entry.bases.length > 0 ? entry.bases : [w.noBasis] }));
  const text = `${opening}
${data.question ? `\n${w.question}:\n> ${data.question.split('\n').join('\n> ')}\n` : ''}
${w.answer}:
${data.answer}

${bases.length > 0 ? `${w.bases}\n${bases.map((entry) => `${entry.applicant}:\n${entry.bases.map((basis) => `  - ${basis}`).join('\n')}`).join('\n')}` : w.noBases}`;
  const body = html`<p>${opening}</p>
${data.question ? html`<p>${w.question}:</p><blockquote>${data.question}</blockquote>` : ''}
<p>${w.answer}:</p><p style="white-space: pre-line">${data.answer}</p>
${bases.length > 0 ? html`<p>${w.bases}</p><dl>${bases.map((entry) => html`<dt><strong>${entry.applicant}</strong></dt>${entry.bases.map((basis) => html`<dd>${basis}</dd>`)}`)}</dl>` : html`<p>${w.noBases}</p>`}`;
  return { ...frame(context, w.answerSubject(data.title), text, body), attachments: [] };
}

/** To the applicant's contact: accredited or not, for one stage; never a reason and never a State. */
export function renderAccreditationOutcome(data: Outcome, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const stage = w.stage[data.stage];
  const line = data.outcome === 'accredited' ? w.accredited(data.organisationName, stage) : w.notAccredited(data.organisationName, stage);
  const text = `${w.dear(data.contactName)}\n\n${line}\n\n${w.status}\n${data.statusUrl}`;
  const body = html`<p>${w.dear(data.contactName)}</p><p>${line}</p><p>${w.status} <a href="${data.statusUrl}">${data.statusUrl}</a></p>`;
  return { ...frame(context, w.outcomeSubject[data.outcome](stage), text, body), attachments: [] };
}

/** To OPGA staff: the deadline has passed; the final list, and the names left off it with their objection counts. */
export function renderCirculationClosed(data: Closed, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const intro = w.closedIntro(data.title, data.circulationId, w.stage[data.stage], utcInstant(data.deadline, context.language), utcInstant(data.closedAt, context.language));
  const accredited = applicantList(data.accredited, w);
  const notAccredited = applicantList(data.notAccredited, w, { label: w.objections, value: (applicant) => applicant.objections });
  const text = `${intro}

${w.final(data.accredited.length)}
${accredited.text}

${w.notAccreditedList(data.notAccredited.length)}
${notAccredited.text}

${w.console(data.circulationId)}`;
  const body = html`<p>${intro}</p>
<h2 style="font-size: 1.1em">${w.final(data.accredited.length)}</h2>${accredited.html}
<h2 style="font-size: 1.1em">${w.notAccreditedList(data.notAccredited.length)}</h2>${notAccredited.html}
<p>${w.console(data.circulationId)}</p>`;
  return { ...frame(context, w.closedSubject(data.title, data.accredited.length, data.notAccredited.length), text, body), attachments: [] };
}
