import { useEffect, useState } from 'preact/hooks';
import { ApiError, call, tokenFromLink } from '../api.ts';
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
  const path = `/registrations/${encodeURIComponent(registrationId)}`;

  useEffect(() => {
    if (token) call<Registration>('GET', path, { token }).then(setRegistration, (error: unknown) => setProblem(error instanceof ApiError && error.status === 401 ? t('status.expired') : t('form.network')));
  }, [registrationId]);

  if (problem) return <p role="alert">{problem}</p>;
  if (!registration) return <p aria-live="polite">{t('common.loading')}</p>;

  const act = async (method: string, body?: unknown) => {
    try {
      setRegistration(await call<Registration>(method, path, { token, ...(body ? { body } : {}) }));
      setNotice(t('status.saved'));
    } catch (error) {
      setNotice(error instanceof ApiError ? error.message : t('form.network'));
    }
  };

  return (
    <section>
      <h1>{t('status.title', { organisation: registration.organisation.name })}</h1>
      <p>
        {t('status.meeting')} <a href={`/meetings/${registration.meetingId}`}>{registration.meetingId}</a>
      </p>
      <p class={`state state-${registration.state}`}>{t(`register.state.${registration.state}` as MessageKey)}</p>
      {registration.stateReason && <p>{registration.stateReason}</p>}
      {notice && <p role="status">{notice}</p>}
      <h2>{t('status.representatives')}</h2>
      <ul>
        {registration.representatives.map((person) => (
          <li>
            {person.name}
            {person.wishesToSpeak ? ` · ${t('status.speaking', { topic: person.speakingTopic ?? '' })}` : ''}
            {registration.state !== 'withdrawn' && registration.state !== 'declined' && person.wishesToSpeak && (
              <button type="button" class="secondary" onClick={() => act('PATCH', { representatives: [{ email: person.email, wishesToSpeak: false }] })}>
                {t('status.stopSpeaking')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {registration.state !== 'withdrawn' && registration.state !== 'declined' && (
        <button
          type="button"
          class="danger"
          onClick={() => {
            if (confirm(t('status.confirmWithdraw'))) void act('DELETE');
          }}
        >
          {t('status.withdraw')}
        </button>
      )}
    </section>
  );
}
