import type * as z from 'zod';
import { html } from '#shared/email/html.ts';
import type { Language, RenderedMessage } from '#shared/email/schemas.ts';
import type { templates } from '#shared/email/templates.ts';
import { frame, type RenderContext } from '#shared/email/render/layout.ts';
import { utcInstant } from '#shared/email/render/circulation.ts';
import { digitsOf } from '#shared/trust-fund/minor-units.ts';

type Reply = z.output<typeof templates.trustFundReply.data>;
type Alert = z.output<typeof templates.trustFundInquiryAlert.data>;
type Stale = z.output<typeof templates.trustFundStaleInquiry.data>;
type Intended = Reply['intended'];

const locales = { en: 'en-GB', fr: 'fr-FR' } as const;

/**
 * An amount with its ISO 4217 code and the currency's own decimals, e.g. "USD 250,000.00", "JPY 1,500,000"
 * or "12,500 BHD" (formatted from the exact decimal text, never through a float); plain spaces, so the text
 * reads (and searches) the same everywhere.
 */
export function formatAmount(intended: Intended, language: Language): string {
  const currency = intended.currency.toUpperCase();
  const digits = digitsOf(currency);
  const figure = intended.amount as Intl.StringNumericLiteral;
  try {
    return new Intl.NumberFormat(locales[language], { style: 'currency', currency, currencyDisplay: 'code', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(figure).replace(/[\u00a0\u202f]/g, ' ');
  } catch {
    // A code Intl refuses must not stop the reply: the figure and the code as the donor gave them.
    return `${currency} ${new Intl.NumberFormat(locales[language], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(figure).replace(/[\u00a0\u202f]/g, ' ')}`;
  }
}

/** Only a web address becomes a link; anything else stays text. */
const linkable = (url: string | null): url is string => url !== null && /^https?:\/\//i.test(url);

const words = {
  en: {
    dear: (name: string) => `Dear ${name},`,
    replySubject: (fund: string) => `Your contribution inquiry: ${fund}`,
    thanks: (donor: string, fund: string) => `Thank you for the interest of ${donor} in contributing to the fund “${fund}”. The details for making a contribution follow.`,
    manualReview: (donor: string) =>
      `The resolution names Member States, regional legislative bodies, intergovernmental organisations and philanthropic organisations as those who may contribute to the fund. As ${donor} is of another type, staff of the Office of the President of the General Assembly will review your inquiry by hand and be in touch with you. This is not a refusal; the details below remain valid in the meantime.`,
    arrangement: 'Signing the arrangement',
    earmarking: 'Earmarking: un-earmarked contributions are encouraged',
    objectives: 'The objectives of the fund',
    yourInquiry: 'What you told us',
    amount: 'Intended contribution',
    earmarkedTo: 'Earmarked to',
    earmarkedUnspecified: 'earmarked, objective not specified',
    unEarmarked: 'Earmarking: un-earmarked',
    contacts: 'Contacts',
    phone: 'phone',
    status: 'Follow your inquiry:',
    types: {
      'member-state': 'Member State',
      'regional-legislative-body': 'regional legislative body',
      'intergovernmental-organisation': 'intergovernmental organisation',
      'philanthropic-organisation': 'philanthropic organisation',
      'private-sector': 'private sector',
      'civil-society-organisation': 'civil society organisation',
      individual: 'individual',
      other: 'other',
    } as Record<string, string>,
    alertSubject: { eligible: (donor: string, amount: string) => `Trust fund inquiry: ${donor} (${amount})`, review: (donor: string, amount: string) => `Trust fund inquiry for manual review: ${donor} (${amount})` },
    alertIntro: (donor: string) => `${donor} has asked how to contribute to the trust fund. The donor has been sent the contribution details.`,
    donor: 'Donor',
    donorType: 'Type',
    country: 'Country',
    eligibility: 'Eligibility',
    eligible: 'a donor type the resolution names',
    review: 'a donor type outside those the resolution names: review the inquiry by hand and be in touch with the donor',
    message: 'Message from the donor',
    console: (id: string) => `See the inquiry ${id} in the staff console.`,
    staleSubject: (donor: string, days: number) => `Trust fund inquiry untouched for ${days} ${days === 1 ? 'day' : 'days'}: ${donor}`,
    stale: (donor: string, id: string, days: number) => `The inquiry ${id} from ${donor} has not changed for ${days} ${days === 1 ? 'day' : 'days'}.`,
    state: 'State',
    lastChanged: 'Last changed',
  },
  fr: {
    dear: (name: string) => `Madame, Monsieur ${name},`,
    replySubject: (fund: string) => `Votre demande de contribution : ${fund}`,
    thanks: (donor: string, fund: string) => `Nous vous remercions de l’intérêt que ${donor} manifeste pour une contribution au fonds « ${fund} ». Vous trouverez ci-dessous les modalités de contribution.`,
    manualReview: (donor: string) =>
      `La résolution désigne les États Membres, les organes législatifs régionaux, les organisations intergouvernementales et les organisations philanthropiques comme pouvant contribuer au fonds. ${donor} relevant d’une autre catégorie, le personnel du Bureau du Président de l’Assemblée générale examinera votre demande au cas par cas et prendra contact avec vous. Il ne s’agit pas d’un refus ; les modalités ci-dessous restent valables dans l’intervalle.`,
    arrangement: 'Signature de l’accord',
    earmarking: 'Affectation : les contributions non affectées sont encouragées',
    objectives: 'Les objectifs du fonds',
    yourInquiry: 'Ce que vous nous avez indiqué',
    amount: 'Contribution envisagée',
    earmarkedTo: 'Affectée à',
    earmarkedUnspecified: 'affectée, objectif non précisé',
    unEarmarked: 'Affectation : non affectée',
    contacts: 'Contacts',
    phone: 'téléphone',
    status: 'Suivre votre demande :',
    types: {
      'member-state': 'État Membre',
      'regional-legislative-body': 'organe législatif régional',
      'intergovernmental-organisation': 'organisation intergouvernementale',
      'philanthropic-organisation': 'organisation philanthropique',
      'private-sector': 'secteur privé',
      'civil-society-organisation': 'organisation de la société civile',
      individual: 'particulier',
      other: 'autre',
    } as Record<string, string>,
    alertSubject: {
      eligible: (donor: string, amount: string) => `Demande de contribution au fonds d’affectation spéciale : ${donor} (${amount})`,
      review: (donor: string, amount: string) => `Demande de contribution à examiner au cas par cas : ${donor} (${amount})`,
    },
    alertIntro: (donor: string) => `${donor} a demandé comment contribuer au fonds d’affectation spéciale. Les modalités de contribution lui ont été envoyées.`,
    donor: 'Donateur',
    donorType: 'Catégorie',
    country: 'Pays',
    eligibility: 'Admissibilité',
    eligible: 'une catégorie de donateur désignée par la résolution',
    review: 'une catégorie de donateur non désignée par la résolution : examiner la demande au cas par cas et prendre contact avec le donateur',
    message: 'Message du donateur',
    console: (id: string) => `Voir la demande ${id} dans la console du personnel.`,
    staleSubject: (donor: string, days: number) => `Demande de contribution sans suite depuis ${days} ${days === 1 ? 'jour' : 'jours'} : ${donor}`,
    stale: (donor: string, id: string, days: number) => `La demande ${id} de ${donor} n’a pas changé depuis ${days} ${days === 1 ? 'jour' : 'jours'}.`,
    state: 'État',
    lastChanged: 'Dernière modification',
  },
} as const;

type Words = (typeof words)[Language];

function earmarkingLine(data: Pick<Reply, 'earmarked' | 'objectiveTitle'>, w: Words): string {
  if (!data.earmarked) return w.unEarmarked;
  return `${w.earmarkedTo}: ${data.objectiveTitle ?? w.earmarkedUnspecified}`;
}

/** To a prospective donor, at once: thanks, manual review if the donor type is not one the resolution names, then the fund's contribution details as staff set them. */
export function renderTrustFundReply(data: Reply, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const { fund } = data;
  const thanks = w.thanks(data.donorName, fund.name);
  const review = data.eligible ? '' : w.manualReview(data.donorName);
  const amount = `${w.amount}: ${formatAmount(data.intended, context.language)}`;
  const earmarking = earmarkingLine(data, w);
  const contactLine = (contact: Reply['fund']['contacts'][number]) => `${contact.name}, ${contact.role}, ${contact.email}${contact.phone ? `, ${w.phone} ${contact.phone}` : ''}`;
  const text = [
    w.dear(data.contactName),
    thanks,
    review,
    `${fund.name}\n${fund.purpose}`,
    `${w.arrangement}: ${fund.arrangement.title}\n${fund.arrangement.instructions}${fund.arrangement.url ? `\n${fund.arrangement.url}` : ''}`,
    `${w.earmarking}\n${fund.earmarking}`,
    fund.objectives.length > 0 ? `${w.objectives}:\n${fund.objectives.map((objective) => `- ${objective.title}: ${objective.description}`).join('\n')}` : '',
    `${w.yourInquiry}:\n- ${amount}\n- ${earmarking}`,
    fund.contacts.length > 0 ? `${w.contacts}:\n${fund.contacts.map((contact) => `- ${contactLine(contact)}`).join('\n')}` : '',
    `${w.status}\n${data.statusUrl}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const arrangementUrl = fund.arrangement.url;
  const h2 = (title: string) => html`<h2 style="font-size: 1.1em">${title}</h2>`;
  const body = html`<p>${w.dear(data.contactName)}</p><p>${thanks}</p>${review ? html`<p><strong>${review}</strong></p>` : ''}
${h2(fund.name)}<p style="white-space: pre-line">${fund.purpose}</p>
${h2(`${w.arrangement}: ${fund.arrangement.title}`)}<p style="white-space: pre-line">${fund.arrangement.instructions}</p>${
    arrangementUrl ? (linkable(arrangementUrl) ? html`<p><a href="${arrangementUrl}">${arrangementUrl}</a></p>` : html`<p>${arrangementUrl}</p>`) : ''
  }
${h2(w.earmarking)}<p style="white-space: pre-line">${fund.earmarking}</p>
${fund.objectives.length > 0 ? html`${h2(w.objectives)}<ul>${fund.objectives.map((objective) => html`<li><strong>${objective.title}</strong>: ${objective.description}</li>`)}</ul>` : ''}
${h2(w.yourInquiry)}<ul><li>${amount}</li><li>${earmarking}</li></ul>
${
  fund.contacts.length > 0
    ? html`${h2(w.contacts)}<ul>${fund.contacts.map(
        (contact) => html`<li>${contact.name}, ${contact.role}, <a href="mailto:${contact.email}">${contact.email}</a>${contact.phone ? html`, ${w.phone} ${contact.phone}` : ''}</li>`,
      )}</ul>`
    : ''
}
<p>${w.status} <a href="${data.statusUrl}">${data.statusUrl}</a></p>`;
  return { ...frame(context, w.replySubject(fund.name), text, body), attachments: [] };
}

/** To OPGA staff: a new inquiry, eligible or for manual review, with what the donor said. */
export function renderTrustFundInquiryAlert(data: Alert, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const amount = formatAmount(data.intended, context.language);
  const subject = (data.eligible ? w.alertSubject.eligible : w.alertSubject.review)(data.donorName, amount);
  const intro = w.alertIntro(data.donorName);
  const facts = [
    `${w.donor}: ${data.donorName}`,
    `${w.donorType}: ${w.types[data.donorType] ?? data.donorType}`,
    `${w.country}: ${data.country}`,
    `${w.eligibility}: ${data.eligible ? w.eligible : w.review}`,
    `${w.amount}: ${amount}`,
    earmarkingLine(data, w),
  ];
  const text = [intro, facts.map((fact) => `- ${fact}`).join('\n'), data.message ? `${w.message}:\n> ${data.message.split('\n').join('\n> ')}` : '', w.console(data.inquiryId)].filter(Boolean).join('\n\n');
  const body = html`<p>${intro}</p><ul>${facts.map((fact) => html`<li>${fact}</li>`)}</ul>${data.message ? html`<p>${w.message}:</p><blockquote style="white-space: pre-line">${data.message}</blockquote>` : ''}<p>${w.console(data.inquiryId)}</p>`;
  return { ...frame(context, subject, text, body), attachments: [] };
}

/** To OPGA staff: an inquiry nobody has touched for some days, its state and when it last changed. */
export function renderTrustFundStaleInquiry(data: Stale, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const line = w.stale(data.donorName, data.inquiryId, data.daysUntouched);
  const facts = [`${w.state}: ${data.state}`, `${w.lastChanged}: ${utcInstant(data.lastChangedAt, context.language)}`];
  const text = [line, facts.join('\n'), w.console(data.inquiryId)].join('\n\n');
  const body = html`<p>${line}</p><p>${facts[0]}<br>${facts[1]}</p><p>${w.console(data.inquiryId)}</p>`;
  return { ...frame(context, w.staleSubject(data.donorName, data.daysUntouched), text, body), attachments: [] };
}
