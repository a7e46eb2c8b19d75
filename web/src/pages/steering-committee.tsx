import { useEffect, useState } from 'preact/hooks';
import type { Call } from '#shared/steering-committee/schemas.ts';
import { call } from '../api.ts';
import { formatInstant, t } from '../i18n.ts';

/** The open calls for membership of the stakeholder steering committee. */
export function SteeringCommittee() {
  const [calls, setCalls] = useState<Call[] | null | 'failed'>(null);
  useEffect(() => {
    call<{ items: Call[] }>('GET', '/steering-committee/calls').then((page) => setCalls(page.items), () => setCalls('failed'));
  }, []);
  return (
    <section>
      <h1>{t('committee.title')}</h1>
      <p>{t('committee.intro')}</p>
      <h2>{t('committee.openCalls')}</h2>
      {calls === null && <p aria-live="polite">{t('common.loading')}</p>}
      {calls === 'failed' && <p role="alert">{t('form.network')}</p>}
      {Array.isArray(calls) &&
        (calls.length === 0 ? (
          <p>{t('committee.noCalls')}</p>
        ) : (
          <ul class="cards">
            {calls.map((open) => (
              <li>
                <h3>
                  <a href={`/steering-committee/calls/${open.callId}`}>{open.title}</a>
                </h3>
                <p>{t('committee.seatsAndDeadline', { seats: open.seats, deadline: formatInstant(open.deadline) })}</p>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
