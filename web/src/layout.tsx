import type { ComponentChildren } from 'preact';
import { catalogues, language, setLanguage, t, type LanguageCode } from './i18n.ts';

const languageNames: Record<LanguageCode, string> = { en: 'English', fr: 'Français' };

export function Layout(props: { children: ComponentChildren }) {
  return (
    <>
      <a class="skip" href="#main">
        {t('layout.skip')}
      </a>
      <header>
        <p class="brand">
          <a href="/">{t('layout.title')}</a>
        </p>
        <nav aria-label={t('layout.navigation')}>
          <a href="/meetings">{t('nav.meetings')}</a>
          <a href="/accreditation">{t('nav.accreditation')}</a>
          <a href="/steering-committee">{t('nav.steeringCommittee')}</a>
          <a href="/trust-fund">{t('nav.trustFund')}</a>
          <a href="/staff">{t('nav.staff')}</a>
        </nav>
        <label class="language">
          <span>{t('layout.language')}</span>
          <select value={language.value} onChange={(event) => setLanguage((event.currentTarget as HTMLSelectElement).value as LanguageCode)}>
            {(Object.keys(catalogues) as LanguageCode[]).map((code) => (
              <option value={code} lang={code}>
                {languageNames[code]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <footer>
        <p>{t('layout.footer')}</p>
      </footer>
    </>
  );
}
