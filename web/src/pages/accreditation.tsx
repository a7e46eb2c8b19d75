import { useEffect, useState } from 'preact/hooks';
import type * as z from 'zod';
import { ApplicantType, ApplicationBody, type ApplicationReceipt, type StageSettings } from '#shared/accreditation/schemas.ts';
import { genders } from '#shared/registrations/schemas.ts';
import { call, pageLink } from '../api.ts';
import { bindSelect, bindText, Field, orNull, Summary, useForm } from '../form.tsx';
import { formatInstant, language, t, type MessageKey } from '../i18n.ts';

type Receipt = z.infer<typeof ApplicationReceipt>;
const scopes = ApplicationBody.shape.organisation.shape.geographicScope.options;

const isOpen = (stage: StageSettings) => Date.now() < new Date(stage.applicationDeadline).getTime();

/** Special accreditation for organisations without ECOSOC status: the stages, their deadlines, and the application. */
export function AccreditationPage() {
  const [stages, setStages] = useState<StageSettings[] | null | 'failed'>(null);
  useEffect(() => {
    call<{ items: StageSettings[] }>('GET', '/accreditation/stages').then((page) => setStages(page.items), () => setStages('failed'));
  }, []);
  if (stages === null) return <p aria-live="polite">{t('common.loading')}</p>;
  if (stages === 'failed') return <p role="alert">{t('form.network')}</p>;
  const open = stages.filter(isOpen);
  return (
    <section>
      <h1>{t('accreditation.title')}</h1>
      <p>{t('accreditation.intro')}</p>
      <h2>{t('accreditation.stages')}</h2>
      {stages.length === 0 ? (
        <p>{t('accreditation.noStages')}</p>
      ) : (
        <ul class="cards">
          {stages.map((stage) => (
            <li>
              <h3>{t(`stage.${stage.stage}` as MessageKey)}</h3>
              <p>{t(isOpen(stage) ? 'accreditation.deadline' : 'accreditation.closed', { deadline: formatInstant(stage.applicationDeadline) })}</p>
            </li>
          ))}
        </ul>
      )}
      {open.length > 0 ? <ApplicationForm stages={open} /> : <p>{t('accreditation.noneOpen')}</p>}
    </section>
  );
}

function ApplicationForm(props: { stages: StageSettings[] }) {
  const form = useForm(ApplicationBody);
  const [stage, setStage] = useState(props.stages.length === 1 ? props.stages[0]!.stage : '');
  const [organisation, setOrganisation] = useState({ name: '', type: '', country: '', website: '', yearFounded: '', geographicScope: '', mission: '', relevanceToMigration: '' });
  const [contact, setContact] = useState({ name: '', email: '' });
  const [representativeGender, setRepresentativeGender] = useState('');
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  if (receipt) {
    return (
      <div class="confirmation" role="status">
        <h2>{t('accreditation.done')}</h2>
        <p>{t('application.state.submitted')}</p>
        <p>{t('accreditation.statusLink')}</p>
        <p>
          <a href={pageLink(receipt.statusUrl)}>{t('accreditation.openStatus')}</a>
        </p>
      </div>
    );
  }

  const set = (change: Partial<typeof organisation>) => setOrganisation({ ...organisation, ...change });
  const body = () => ({
    stage,
    organisation: {
      ...organisation,
      country: organisation.country.toUpperCase(),
      website: orNull(organisation.website),
      // An empty year is missing, not 0, so the message says so.
      yearFounded: organisation.yearFounded.trim() === '' ? undefined : Number(organisation.yearFounded),
    },
    contact,
    representativeGender,
    language: language.value,
  });

  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await form.submit(body(), (parsed) => call<Receipt>('POST', '/accreditation/applications', { body: parsed }));
        if (result) setReceipt(result);
      }}
    >
      <h2>{t('accreditation.apply')}</h2>
      <Summary message={form.summary} />
      <Field label="accreditation.stage" name="body.stage" error={form.error('body.stage')}>
        {(id, describedBy) => (
          <select id={id} aria-describedby={describedBy} {...bindSelect(stage, setStage)}>
            <option value="">{t('common.choose')}</option>
            {props.stages.map((open) => (
              <option value={open.stage}>{t(`stage.${open.stage}` as MessageKey)}</option>
            ))}
          </select>
        )}
      </Field>
      <fieldset>
        <legend>{t('register.organisation')}</legend>
        <Field label="register.organisationName" name="body.organisation.name" error={form.error('body.organisation.name')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} autocomplete="organization" {...bindText(organisation.name, (name) => set({ name }))} />}
        </Field>
        <Field label="register.type" name="body.organisation.type" error={form.error('body.organisation.type')}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} {...bindSelect(organisation.type, (type) => set({ type }))}>
              <option value="">{t('common.choose')}</option>
              {ApplicantType.options.map((type) => (
                <option value={type}>{t(`organisationType.${type}` as MessageKey)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="register.country" name="body.organisation.country" hint="register.countryHint" error={form.error('body.organisation.country')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} maxLength={3} {...bindText(organisation.country, (country) => set({ country }))} />}
        </Field>
        <Field label="register.website" name="body.organisation.website" error={form.error('body.organisation.website')}>
          {(id, describedBy) => <input id={id} type="url" aria-describedby={describedBy} {...bindText(organisation.website, (website) => set({ website }))} />}
        </Field>
        <Field label="accreditation.yearFounded" name="body.organisation.yearFounded" error={form.error('body.organisation.yearFounded')}>
          {(id, describedBy) => <input id={id} type="number" inputMode="numeric" min="1800" aria-describedby={describedBy} {...bindText(organisation.yearFounded, (yearFounded) => set({ yearFounded }))} />}
        </Field>
        <Field label="accreditation.scope" name="body.organisation.geographicScope" error={form.error('body.organisation.geographicScope')}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} {...bindSelect(organisation.geographicScope, (geographicScope) => set({ geographicScope }))}>
              <option value="">{t('common.choose')}</option>
              {scopes.map((scope) => (
                <option value={scope}>{t(`scope.${scope}` as MessageKey)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="accreditation.mission" name="body.organisation.mission" hint="accreditation.atLeast20" error={form.error('body.organisation.mission')}>
          {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...bindText(organisation.mission, (mission) => set({ mission }))} />}
        </Field>
        <Field label="accreditation.relevance" name="body.organisation.relevanceToMigration" hint="accreditation.atLeast20" error={form.error('body.organisation.relevanceToMigration')}>
          {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...bindText(organisation.relevanceToMigration, (relevanceToMigration) => set({ relevanceToMigration }))} />}
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
        <Field label="accreditation.representativeGender" name="body.representativeGender" hint="accreditation.genderHint" error={form.error('body.representativeGender')}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} {...bindSelect(representativeGender, setRepresentativeGender)}>
              <option value="">{t('common.choose')}</option>
              {genders.map((gender) => (
                <option value={gender}>{t(`gender.${gender}` as MessageKey)}</option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <p>
        <button type="submit" disabled={form.busy}>
          {t('accreditation.submit')}
        </button>
      </p>
    </form>
  );
}
