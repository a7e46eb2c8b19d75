import { useEffect, useState } from 'preact/hooks';
import type * as z from 'zod';
import { donorTypes, InquiryBody, type InquiryReceipt, type TrustFund } from '#shared/trust-fund/schemas.ts';
import { moneyInput } from '#shared/trust-fund/minor-units.ts';
import { call, pageLink } from '../api.ts';
import { bindSelect, bindText, Field, orNull, Summary, useForm } from '../form.tsx';
import { language, t, type MessageKey } from '../i18n.ts';

type Receipt = z.infer<typeof InquiryReceipt>;

/** The voluntary trust fund as staff describe it (GET /trust-fund), and the form to ask how to contribute. */
export function TrustFundPage() {
  const [fund, setFund] = useState<TrustFund | null | 'missing'>(null);
  useEffect(() => {
    call<TrustFund>('GET', '/trust-fund').then(setFund, () => setFund('missing'));
  }, []);
  if (fund === null) return <p aria-live="polite">{t('common.loading')}</p>;
  if (fund === 'missing') return <h1>{t('trustFund.missing')}</h1>;
  return (
    <section>
      <h1>{fund.name}</h1>
      <p>{fund.purpose}</p>
      <h2>{t('trustFund.objectives')}</h2>
      <ul class="cards">
        {fund.objectives.map((objective) => (
          <li>
            <h3>{objective.title}</h3>
            <p>{objective.description}</p>
          </li>
        ))}
      </ul>
      <h2>{t('trustFund.howToContribute')}</h2>
      <h3>{fund.arrangement.title}</h3>
      <p class="prose">{fund.arrangement.instructions}</p>
      {fund.arrangement.url && (
        <p>
          <a href={fund.arrangement.url}>{t('trustFund.arrangementLink')}</a>
        </p>
      )}
      <h2>{t('trustFund.earmarking')}</h2>
      <p class="prose">{fund.earmarking}</p>
      <h2>{t('trustFund.contacts')}</h2>
      <ul>
        {fund.contacts.map((contact) => (
          <li>
            {contact.name}, {contact.role} · <a href={`mailto:${contact.email}`}>{contact.email}</a>
            {contact.phone ? ` · ${contact.phone}` : ''}
          </li>
        ))}
      </ul>
      <InquiryForm fund={fund} />
    </section>
  );
}

function InquiryForm(props: { fund: TrustFund }) {
  const form = useForm(InquiryBody);
  const [donor, setDonor] = useState({ name: '', type: '', country: '' });
  const [contact, setContact] = useState({ name: '', email: '' });
  const [intended, setIntended] = useState({ amount: '', currency: '' });
  const [earmarked, setEarmarked] = useState(false);
  const [objectiveId, setObjectiveId] = useState('');
  const [message, setMessage] = useState('');
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  if (receipt) {
    return (
      <div class="confirmation" role="status">
        <h2>{t('inquiry.done')}</h2>
        <p>{t(receipt.inquiry.review === 'eligible' ? 'inquiry.eligible' : 'inquiry.manualReview')}</p>
        <p>{t('inquiry.statusLink')}</p>
        <p>
          <a href={pageLink(receipt.statusUrl)}>{t('inquiry.openStatus')}</a>
        </p>
      </div>
    );
  }

  const body = () => ({
    donor: { ...donor, country: donor.country.toUpperCase() },
    contact,
    // An empty amount is missing, not 0, so the message says so.
    // The amount goes as typed, decimal text, so that it is read exactly (never through a float).
    intended: { amount: intended.amount.trim() === '' ? undefined : intended.amount.trim(), currency: intended.currency.trim().toUpperCase() },
    earmarked,
    objectiveId: earmarked ? orNull(objectiveId) : null,
    message: orNull(message),
    language: language.value,
  });

  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await form.submit(body(), (parsed) => call<Receipt>('POST', '/trust-fund/inquiries', { body: { ...parsed, intended: moneyInput(parsed.intended) } }));
        if (result) setReceipt(result);
      }}
    >
      <h2>{t('inquiry.title')}</h2>
      <p>{t('inquiry.intro')}</p>
      <Summary message={form.summary} />
      <fieldset>
        <legend>{t('inquiry.donor')}</legend>
        <Field label="inquiry.donorName" name="body.donor.name" error={form.error('body.donor.name')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} autocomplete="organization" {...bindText(donor.name, (name) => setDonor({ ...donor, name }))} />}
        </Field>
        <Field label="inquiry.donorType" name="body.donor.type" hint="inquiry.donorTypeHint" error={form.error('body.donor.type')}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} {...bindSelect(donor.type, (type) => setDonor({ ...donor, type }))}>
              <option value="">{t('common.choose')}</option>
              {donorTypes.map((type) => (
                <option value={type}>{t(`donorType.${type}` as MessageKey)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="inquiry.country" name="body.donor.country" hint="register.countryHint" error={form.error('body.donor.country')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} maxLength={3} {...bindText(donor.country, (country) => setDonor({ ...donor, country }))} />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('register.contact')}</legend>
        <Field label="common.name" name="body.contact.name" error={form.error('body.contact.name')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} autocomplete="name" {...bindText(contact.name, (name) => setContact({ ...contact, name }))} />}
        </Field>
        <Field label="common.email" name="body.contact.email" error={form.error('body.contact.email')}>
          {(id, describedBy) => <input id={id} type="email" aria-describedby={describedBy} autocomplete="email" {...bindText(contact.email, (email) => setContact({ ...contact, email }))} />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('inquiry.contribution')}</legend>
        <Field label="inquiry.amount" name="body.intended.amount" error={form.error('body.intended.amount')}>
          {(id, describedBy) => <input id={id} type="number" min="0" step="any" inputMode="decimal" aria-describedby={describedBy} {...bindText(intended.amount, (amount) => setIntended({ ...intended, amount }))} />}
        </Field>
        <Field label="inquiry.currency" name="body.intended.currency" hint="inquiry.currencyHint" error={form.error('body.intended.currency')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} maxLength={3} autocomplete="transaction-currency" {...bindText(intended.currency, (currency) => setIntended({ ...intended, currency }))} />}
        </Field>
        <div class="field checkbox">
          <label>
            <input type="checkbox" checked={earmarked} onChange={(event) => setEarmarked((event.currentTarget as HTMLInputElement).checked)} /> {t('inquiry.earmarked')}
          </label>
        </div>
        {earmarked && (
          <Field label="inquiry.objective" name="body.objectiveId" error={form.error('body.objectiveId')}>
            {(id, describedBy) => (
              <select id={id} aria-describedby={describedBy} {...bindSelect(objectiveId, setObjectiveId)}>
                <option value="">{t('common.choose')}</option>
                {props.fund.objectives.map((objective) => (
                  <option value={objective.objectiveId}>{objective.title}</option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="inquiry.message" name="body.message" error={form.error('body.message')}>
          {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...bindText(message, setMessage)} />}
        </Field>
      </fieldset>
      <p>
        <button type="submit" disabled={form.busy}>
          {t('inquiry.submit')}
        </button>
      </p>
    </form>
  );
}
