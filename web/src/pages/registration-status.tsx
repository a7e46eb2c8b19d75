import { useEffect, useState } from 'preact/hooks';
import { ApiError, call, tokenFromLink } from '../api.ts';
import type * as z from 'zod';
import { UpdateSpeakingInterest } from '#shared/registrations/schemas.ts';
import { bindText, Field, orNull, Summary, useForm } from '../form.tsx';
import { t, type MessageKey } from '../i18n.ts';

interface Registration {
  registrationId: string;
  meetingId: string;
  state: string;
  stateReason: string | null;
  organisation: { name: string };
  representatives: { name: string; email: string; wishesToSpeak: boolean; speakingTopic: string | null }[];
}

/** A registration opened from its e-mail link: its state, speaking interest to change, and withdrawal. */
export function RegistrationStatus(props: { params?: { registrationId: string } }) {
  const registrationId = props.params?.registrationId ?? '';
  const token = tokenFromLink();
  const [registration, setRegistration] = useState<Registration | null>(null);
  const [problem, setProblem] = useState<string | null>(token ? null : t('status.noToken'));
  const [notice, setNotice] = useState<string | null>(null);
  const [meetingTitle, setMeetingTitle] = useState<string | null>(null);
  const path = `/registrations/${encodeURIComponent(registrationId)}`;

  useEffect(() => {
    if (token) call<Registration>('GET', path, { token }).then(setRegistration, (error: unknown) => setProblem(error instanceof ApiError && error.status === 401 ? t('status.expired') : t('form.network')));
  }, [registrationId]);
  // The meeting by its title (the registration names it by id); the id stays if the meeting cannot be read.
  useEffect(() => {
    if (registration) call<{ title: string }>('GET', `/meetings/${encodeURIComponent(registration.meetingId)}`).then((meeting) => setMeetingTitle(meeting.title), () => undefined);
  }, [registration?.meetingId]);

  if (problem) return <p role="alert">{problem}</p>;
  if (!registration) return <p aria-live="polite">{t('common.loading')}</p>;

  const act = async (method: string, body?: unknown) => {
    const saved = await call<Registration>(method, path, { token, ...(body ? { body } : {}) });
    setRegistration(saved);
    setNotice(t('status.saved'));
  };
  const active = registration.state !== 'withdrawn' && registration.state !== 'declined';

  return (
    <section>
      <h1>{t('status.title', { organisation: registration.organisation.name })}</h1>
      <p>
        {t('status.meeting')} <a href={`/meetings/${registration.meetingId}`}>{meetingTitle ?? registration.meetingId}</a>
      </p>
      <p class={`state state-${registration.state}`}>{t(`register.state.${registration.state}` as MessageKey)}</p>
      {registration.stateReason && <p>{registration.stateReason}</p>}
      {notice && <p role="status">{notice}</p>}
      <h2>{t('status.representatives')}</h2>
      {registration.representatives.map((person) =>
        active ? (
          <SpeakingInterest key={person.email} person={person} save={(change) => act('PATCH', { representatives: [change] })} />
        ) : (
          <p>{person.name}</p>
        ),
      )}
      {active && (
        <button
          type="button"
          class="danger"
          onClick={() => {
            if (confirm(t('status.confirmWithdraw'))) act('DELETE').catch((error: unknown) => setNotice(error instanceof ApiError ? error.message : t('form.network')));
          }}
        >
          {t('status.withdraw')}
        </button>
      )}
    </section>
  );
}

type Representative = Registration['representatives'][number];
type SpeakingChange = z.input<typeof UpdateSpeakingInterest>['representatives'][number];

/** One representative's wish to speak and topic, changed and saved on their own; the API's refusal (a committee member at a hearing) is shown beside them. */
function SpeakingInterest(props: { person: Representative; save: (change: SpeakingChange) => Promise<void> }) {
  const { person } = props;
  const [wishes, setWishes] = useState(person.wishesToSpeak);
  const [topic, setTopic] = useState(person.speakingTopic ?? '');
  const form = useForm(UpdateSpeakingInterest);
  const at = (field: string) => form.error(`body.representatives[0].${field}`);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit({ representatives: [{ email: person.email, wishesToSpeak: wishes, speakingTopic: wishes ? orNull(topic) : null }] }, (parsed) => props.save(parsed.representatives[0]!));
      }}
    >
      <fieldset>
        <legend>{person.name}</legend>
        <Summary message={form.summary} />
        <div class="field checkbox">
          <label>
            <input type="checkbox" checked={wishes} onChange={(event) => setWishes((event.currentTarget as HTMLInputElement).checked)} /> {t('register.wishesToSpeak')}
          </label>
        </div>
        {wishes && (
          <Field label="register.speakingTopic" name="speakingTopic" error={at('speakingTopic')}>
            {(id, describedBy) => <input id={id} aria-describedby={describedBy} {...bindText(topic, setTopic)} />}
          </Field>
        )}
        <button type="submit" class="secondary" disabled={form.busy}>
          {t('status.saveSpeaking')}
        </button>
      </fieldset>
    </form>
  );
}
