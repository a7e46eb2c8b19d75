import { useEffect, useState } from 'preact/hooks';
import { ageBrackets, constituencies } from '#shared/steering-committee/slate.ts';
import { CandidacyBody, type Call, type Candidate } from '#shared/steering-committee/schemas.ts';
import { genders } from '#shared/registrations/schemas.ts';
import { call } from '../api.ts';
import { bindSelect, bindText, Field, Summary, useForm } from '../form.tsx';
import { formatInstant, language, t, type MessageKey } from '../i18n.ts';

/** One call for membership of the steering committee and, until its deadline, the application form. */
export function CommitteeCall(props: { params?: { callId: string } }) {
  const callId = props.params?.callId ?? '';
  const [found, setFound] = useState<Call | null | 'missing'>(null);
  useEffect(() => {
    call<Call>('GET', `/steering-committee/calls/${encodeURIComponent(callId)}`).then(setFound, () => setFound('missing'));
  }, [callId]);
  if (found === null) return <p aria-live="polite">{t('common.loading')}</p>;
  if (found === 'missing') return <h1>{t('notFound.title')}</h1>;
  const open = found.state === 'open' && Date.now() < new Date(found.deadline).getTime();
  return (
    <section>
      <h1>{found.title}</h1>
      <p class="prose">{found.description}</p>
      <p>{t(open ? 'committee.seatsAndDeadline' : 'committee.closed', { seats: found.seats, deadline: formatInstant(found.deadline) })}</p>
      <h2>{t('committee.sought')}</h2>
      <ul>
        {found.constituencies.map((constituency) => (
          <li>{t(`constituency.${constituency}` as MessageKey)}</li>
        ))}
      </ul>
      {open && <CandidacyForm call={found} />}
    </section>
  );
}

function CandidacyForm(props: { call: Call }) {
  const form = useForm(CandidacyBody);
  const [candidacy, setCandidacy] = useState({ name: '', email: '', organisation: '', constituency: '', country: '', gender: '', ageBracket: '', expertise: '', motivation: '', languages: '' });
  const [candidate, setCandidate] = useState<Candidate | null>(null);
  const field = (key: keyof typeof candidacy) => (value: string) => setCandidacy({ ...candidacy, [key]: value });

  if (candidate) {
    return (
      <div class="confirmation" role="status">
        <h2>{t('candidacy.done')}</h2>
        <p>{t('candidacy.acknowledged', { deadline: formatInstant(props.call.deadline) })}</p>
      </div>
    );
  }

  const body = () => ({
    ...candidacy,
    // The acknowledgement and the decision are e-mailed in the language the form was filled in.
    language: language.value,
    country: candidacy.country.toUpperCase(),
    languages: candidacy.languages
      .split(',')
      .map((language) => language.trim())
      .filter(Boolean),
  });
  // The languages are one input: a problem with any of them is shown beside it.
  const languagesError = form.error('body.languages') ?? Object.entries(form.errors).find(([name]) => name.startsWith('body.languages['))?.[1];

  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await form.submit(body(), (parsed) => call<Candidate>('POST', `/steering-committee/calls/${props.call.callId}/applications`, { body: parsed }));
        if (result) setCandidate(result);
      }}
    >
      <h2>{t('candidacy.title')}</h2>
      <Summary message={form.summary} />
      <fieldset>
        <legend>{t('candidacy.you')}</legend>
        <Field label="common.name" name="body.name" error={form.error('body.name')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} autocomplete="name" {...bindText(candidacy.name, field('name'))} />}
        </Field>
        <Field label="common.email" name="body.email" error={form.error('body.email')}>
          {(id, describedBy) => <input id={id} type="email" aria-describedby={describedBy} autocomplete="email" {...bindText(candidacy.email, field('email'))} />}
        </Field>
        <Field label="candidacy.organisation" name="body.organisation" error={form.error('body.organisation')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} autocomplete="organization" {...bindText(candidacy.organisation, field('organisation'))} />}
        </Field>
        <Field label="candidacy.constituency" name="body.constituency" error={form.error('body.constituency')}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} {...bindSelect(candidacy.constituency, field('constituency'))}>
              <option value="">{t('common.choose')}</option>
              {constituencies.map((constituency) => (
                <option value={constituency}>{t(`constituency.${constituency}` as MessageKey)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="inquiry.country" name="body.country" hint="register.countryHint" error={form.error('body.country')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} maxLength={3} {...bindText(candidacy.country, field('country'))} />}
        </Field>
        <Field label="register.gender" name="body.gender" error={form.error('body.gender')}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} {...bindSelect(candidacy.gender, field('gender'))}>
              <option value="">{t('common.choose')}</option>
              {genders.map((gender) => (
                <option value={gender}>{t(`gender.${gender}` as MessageKey)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="candidacy.ageBracket" name="body.ageBracket" error={form.error('body.ageBracket')}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} {...bindSelect(candidacy.ageBracket, field('ageBracket'))}>
              <option value="">{t('common.choose')}</option>
              {ageBrackets.map((bracket) => (
                <option value={bracket}>{t(`ageBracket.${bracket}` as MessageKey)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="candidacy.languages" name="body.languages" hint="candidacy.languagesHint" error={languagesError}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} {...bindText(candidacy.languages, field('languages'))} />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('candidacy.why')}</legend>
        <Field label="candidacy.expertise" name="body.expertise" hint="accreditation.atLeast20" error={form.error('body.expertise')}>
          {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...bindText(candidacy.expertise, field('expertise'))} />}
        </Field>
        <Field label="candidacy.motivation" name="body.motivation" hint="accreditation.atLeast20" error={form.error('body.motivation')}>
          {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...bindText(candidacy.motivation, field('motivation'))} />}
        </Field>
      </fieldset>
      <p>
        <button type="submit" disabled={form.busy}>
          {t('candidacy.submit')}
        </button>
      </p>
    </form>
  );
}
