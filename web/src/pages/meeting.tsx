import { useEffect, useState } from 'preact/hooks';
import { genders, OrganisationRegistration } from '#shared/registrations/schemas.ts';
import { NewOrganisation, organisationTypes } from '#shared/organisations/schemas.ts';
import { call } from '../api.ts';
import { Field, Summary, useForm } from '../form.tsx';
import { formatInstant, language, t, type MessageKey } from '../i18n.ts';
import { when, type Meeting } from './meetings.tsx';

interface Person {
  name: string;
  email: string;
  function: string;
  gender: string;
  nationality: string;
  wishesToSpeak: boolean;
  speakingTopic: string;
  accessibilityNeeds: string;
}
const emptyPerson = (): Person => ({ name: '', email: '', function: '', gender: '', nationality: '', wishesToSpeak: false, speakingTopic: '', accessibilityNeeds: '' });
const orNull = (value: string) => (value.trim() === '' ? null : value);

interface Receipt {
  registration: { registrationId: string; state: string };
  statusUrl: string;
}

/** A meeting and, while its window is open, the registration form. */
export function MeetingPage(props: { meetingId?: string; params?: { meetingId: string } }) {
  const meetingId = props.params?.meetingId ?? props.meetingId ?? '';
  const [meeting, setMeeting] = useState<Meeting | null | 'missing'>(null);
  useEffect(() => {
    call<Meeting>('GET', `/meetings/${encodeURIComponent(meetingId)}`).then(setMeeting, () => setMeeting('missing'));
  }, [meetingId]);
  if (meeting === null) return <p aria-live="polite">{t('common.loading')}</p>;
  if (meeting === 'missing') return <h1>{t('notFound.title')}</h1>;
  const now = new Date().toISOString();
  const open = meeting.registration !== null && meeting.registration.opensAt <= now && now < meeting.registration.closesAt;
  return (
    <section>
      <h1>{meeting.title}</h1>
      <p>
        {when(meeting)}
        {meeting.venue ? ` · ${meeting.venue}` : ''}
        {meeting.city ? `, ${meeting.city}` : ''}
      </p>
      {meeting.registration ? (
        <p>{t(open ? 'meeting.closesAt' : 'meeting.window', { opens: formatInstant(meeting.registration.opensAt, meeting.timeZone), closes: formatInstant(meeting.registration.closesAt, meeting.timeZone) })}</p>
      ) : (
        <p>{t('meeting.noWindow')}</p>
      )}
      {open && <RegistrationForm meeting={meeting} />}
    </section>
  );
}

/** The API's schema, with the organisation always given by name (the form's one way), so each of its fields is checked. */
const RegistrationForm_ = OrganisationRegistration.extend({ organisation: NewOrganisation });

function RegistrationForm(props: { meeting: Meeting }) {
  const form = useForm(RegistrationForm_);
  const [organisation, setOrganisation] = useState({ name: '', country: '', type: '', website: '' });
  const [contact, setContact] = useState({ name: '', email: '' });
  const [people, setPeople] = useState<Person[]>([emptyPerson()]);
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  if (receipt) {
    return (
      <div class="confirmation" role="status">
        <h2>{t('register.done')}</h2>
        <p>{t(`register.state.${receipt.registration.state}` as MessageKey)}</p>
        <p>{t('register.statusLink')}</p>
        <p>
          <a href={new URL(receipt.statusUrl).pathname + new URL(receipt.statusUrl).hash}>{t('register.openStatus')}</a>
        </p>
      </div>
    );
  }

  const body = () => ({
    organisation: { name: organisation.name, country: organisation.country.toUpperCase(), type: organisation.type, website: orNull(organisation.website) },
    contact,
    representatives: people.map((person) => ({ ...person, speakingTopic: person.wishesToSpeak ? orNull(person.speakingTopic) : null, accessibilityNeeds: orNull(person.accessibilityNeeds), nationality: person.nationality.toUpperCase() })),
    language: language.value,
  });
  const setPerson = (index: number, change: Partial<Person>) => setPeople(people.map((person, at) => (at === index ? { ...person, ...change } : person)));
  const text = (value: string, set: (value: string) => void) => ({ value, onInput: (event: Event) => set((event.currentTarget as HTMLInputElement).value) });

  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await form.submit(body(), (parsed) => call<Receipt>('POST', `/meetings/${props.meeting.meetingId}/registrations`, { body: parsed }));
        if (result) setReceipt(result);
      }}
    >
      <h2>{t('register.title')}</h2>
      <Summary message={form.summary} />
      <fieldset>
        <legend>{t('register.organisation')}</legend>
        <Field label="register.organisationName" name="body.organisation.name" error={form.error('body.organisation.name')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} autocomplete="organization" {...text(organisation.name, (name) => setOrganisation({ ...organisation, name }))} />}
        </Field>
        <Field label="register.country" name="body.organisation.country" hint="register.countryHint" error={form.error('body.organisation.country')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} maxLength={3} {...text(organisation.country, (country) => setOrganisation({ ...organisation, country }))} />}
        </Field>
        <Field label="register.type" name="body.organisation.type" error={form.error('body.organisation.type')}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} value={organisation.type} onChange={(event) => setOrganisation({ ...organisation, type: (event.currentTarget as HTMLSelectElement).value })}>
              <option value="">{t('common.choose')}</option>
              {organisationTypes.map((type) => (
                <option value={type}>{t(`organisationType.${type}` as MessageKey)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="register.website" name="body.organisation.website" error={form.error('body.organisation.website')}>
          {(id, describedBy) => <input id={id} type="url" aria-describedby={describedBy} {...text(organisation.website, (website) => setOrganisation({ ...organisation, website }))} />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('register.contact')}</legend>
        <Field label="common.name" name="body.contact.name" error={form.error('body.contact.name')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} autocomplete="name" {...text(contact.name, (name) => setContact({ ...contact, name }))} />}
        </Field>
        <Field label="common.email" name="body.contact.email" error={form.error('body.contact.email')}>
          {(id, describedBy) => <input id={id} type="email" aria-describedby={describedBy} autocomplete="email" {...text(contact.email, (email) => setContact({ ...contact, email }))} />}
        </Field>
      </fieldset>
      {people.map((person, index) => {
        const at = (field: string) => form.error(`body.representatives[${index}].${field}`);
        return (
          <fieldset>
            <legend>{t('register.representative', { number: index + 1 })}</legend>
            <Field label="common.name" name="name" error={at('name')}>
              {(id, describedBy) => <input id={id} aria-describedby={describedBy} {...text(person.name, (name) => setPerson(index, { name }))} />}
            </Field>
            <Field label="common.email" name="email" error={at('email')}>
              {(id, describedBy) => <input id={id} type="email" aria-describedby={describedBy} {...text(person.email, (email) => setPerson(index, { email }))} />}
            </Field>
            <Field label="register.function" name="function" error={at('function')}>
              {(id, describedBy) => <input id={id} aria-describedby={describedBy} {...text(person.function, (value) => setPerson(index, { function: value }))} />}
            </Field>
            <Field label="register.gender" name="gender" error={at('gender')}>
              {(id, describedBy) => (
                <select id={id} aria-describedby={describedBy} value={person.gender} onChange={(event) => setPerson(index, { gender: (event.currentTarget as HTMLSelectElement).value })}>
                  <option value="">{t('common.choose')}</option>
                  {genders.map((gender) => (
                    <option value={gender}>{t(`gender.${gender}` as MessageKey)}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="register.nationality" name="nationality" hint="register.countryHint" error={at('nationality')}>
              {(id, describedBy) => <input id={id} aria-describedby={describedBy} maxLength={3} {...text(person.nationality, (nationality) => setPerson(index, { nationality }))} />}
            </Field>
            {props.meeting.hasSpeakingSlots && (
              <div class="field checkbox">
                <label>
                  <input type="checkbox" checked={person.wishesToSpeak} onChange={(event) => setPerson(index, { wishesToSpeak: (event.currentTarget as HTMLInputElement).checked })} /> {t('register.wishesToSpeak')}
                </label>
              </div>
            )}
            {person.wishesToSpeak && (
              <Field label="register.speakingTopic" name="speakingTopic" error={at('speakingTopic')}>
                {(id, describedBy) => <input id={id} aria-describedby={describedBy} {...text(person.speakingTopic, (speakingTopic) => setPerson(index, { speakingTopic }))} />}
              </Field>
            )}
            <Field label="register.accessibility" name="accessibilityNeeds" error={at('accessibilityNeeds')}>
              {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...text(person.accessibilityNeeds, (accessibilityNeeds) => setPerson(index, { accessibilityNeeds }))} />}
            </Field>
            {people.length > 1 && (
              <button type="button" class="secondary" onClick={() => setPeople(people.filter((_, at) => at !== index))}>
                {t('register.removeRepresentative', { number: index + 1 })}
              </button>
            )}
          </fieldset>
        );
      })}
      {people.length < props.meeting.representativesPerOrganisation && (
        <button type="button" class="secondary" onClick={() => setPeople([...people, emptyPerson()])}>
          {t('register.addRepresentative')}
        </button>
      )}
      <p>
        <button type="submit" disabled={form.busy}>
          {t('register.submit')}
        </button>
      </p>
    </form>
  );
}
