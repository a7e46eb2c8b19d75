import type * as z from 'zod';
import type { CandidacyStatus as CandidacyStatusSchema } from '#shared/steering-committee/schemas.ts';
import { formatInstant, t } from '../i18n.ts';
import { LinkedState, useLinked } from '../linked.tsx';

type Candidacy = z.infer<typeof CandidacyStatusSchema>;

/** An application for membership of the steering committee, opened from its acknowledgement: the call, and the decision once made. */
export function CandidacyStatus(props: { params?: { callId: string; candidateId: string } }) {
  const { callId = '', candidateId = '' } = props.params ?? {};
  const { value: candidacy, problem } = useLinked<Candidacy>(`/steering-committee/calls/${encodeURIComponent(callId)}/candidacies/${encodeURIComponent(candidateId)}`, () => t('candidacyStatus.noToken'));
  if (!candidacy) return <LinkedState problem={problem} />;

  const state = candidacy.decision ?? (candidacy.callState === 'open' && Date.parse(candidacy.callDeadline) > Date.now() ? 'received' : 'underReview');
  return (
    <section>
      <h1>{t('candidacyStatus.title', { name: candidacy.name })}</h1>
      <p>{t('candidacyStatus.call', { call: candidacy.callTitle })}</p>
      <p class={`state state-${state}`}>{t(`candidacyStatus.state.${state}`)}</p>
      {candidacy.decisionReason && (
        <p>
          {t('candidacyStatus.reason')} {candidacy.decisionReason}
        </p>
      )}
      <dl>
        <dt>{t('candidacy.organisation')}</dt>
        <dd>{candidacy.organisation}</dd>
        <dt>{t('candidacyStatus.sent')}</dt>
        <dd>{formatInstant(candidacy.createdAt)}</dd>
        <dt>{t('candidacyStatus.deadline')}</dt>
        <dd>{formatInstant(candidacy.callDeadline)}</dd>
      </dl>
      <p>
        <a href={`/steering-committee/calls/${candidacy.callId}`}>{t('candidacyStatus.aboutCall')}</a>
      </p>
    </section>
  );
}
