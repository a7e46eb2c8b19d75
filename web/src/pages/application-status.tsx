import { useEffect, useState } from 'preact/hooks';
import type { Application } from '#shared/accreditation/schemas.ts';
import { ApiError, call, tokenFromLink } from '../api.ts';
import { formatInstant, t, type MessageKey } from '../i18n.ts';

/** An accreditation application, opened from the link in its acknowledgement: where it stands, in words. */
export function ApplicationStatus(props: { params?: { applicationId: string } }) {
  const applicationId = props.params?.applicationId ?? '';
  const token = tokenFromLink();
  const [application, setApplication] = useState<Application | null>(null);
  const [problem, setProblem] = useState<string | null>(token ? null : t('application.noToken'));

  useEffect(() => {
    if (token)
      call<Application>('GET', `/accreditation/applications/${encodeURIComponent(applicationId)}`, { token }).then(setApplication, (error: unknown) =>
        setProblem(error instanceof ApiError && (error.status === 401 || error.status === 403) ? t('status.expired') : error instanceof ApiError && error.status === 404 ? t('notFound.title') : t('form.network')),
      );
  }, [applicationId]);

  if (problem) return <p role="alert">{problem}</p>;
  if (!application) return <p aria-live="polite">{t('common.loading')}</p>;

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
