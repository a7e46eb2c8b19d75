import type { Application } from '#shared/accreditation/schemas.ts';
import { formatInstant, t, type MessageKey } from '../i18n.ts';
import { LinkedState, useLinked } from '../linked.tsx';

/** An accreditation application, opened from the link in its acknowledgement: where it stands, in words. */
export function ApplicationStatus(props: { params?: { applicationId: string } }) {
  const applicationId = props.params?.applicationId ?? '';
  const { value: application, problem } = useLinked<Application>(`/accreditation/applications/${encodeURIComponent(applicationId)}`, () => t('application.noToken'));
  if (!application) return <LinkedState problem={problem} />;

  return (
    <section>
      <h1>{t('application.title', { organisation: application.organisation.name })}</h1>
      <p>{t(`stage.${application.stage}` as MessageKey)}</p>
      <p class={`state state-${application.state}`}>{t(`application.state.${application.state}` as MessageKey)}</p>
      {application.stateReason && (
        <p>
          {t('application.reason')} {application.stateReason}
        </p>
      )}
      <dl>
        <dt>{t('application.sent')}</dt>
        <dd>{formatInstant(application.createdAt)}</dd>
        <dt>{t('application.updated')}</dt>
        <dd>{formatInstant(application.updatedAt)}</dd>
      </dl>
      <p>
        <a href="/accreditation">{t('application.about')}</a>
      </p>
    </section>
  );
}
