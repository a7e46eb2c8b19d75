import { t } from '../i18n.ts';

export function NotFound() {
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>
        <a href="/meetings">{t('nav.meetings')}</a>
      </p>
    </section>
  );
}
