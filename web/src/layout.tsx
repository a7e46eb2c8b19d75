import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { catalogues, language, setLanguage, t, type LanguageCode } from './i18n.ts';

const languageNames: Record<LanguageCode, string> = { en: 'English', fr: 'Français' };

export function Layout(props: { children: ComponentChildren }) {
  // After a move to another page (not on the first load), the focus goes to the content, as a
  // page load would put it at the top: a keyboard or screen-reader user starts from the new page.
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [path]);
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
      <main id="main" tabIndex={-1} ref={main}>
        {props.children}
      </main>
      <footer>
        <p>{t('layout.footer')}</p>
      </footer>
    </>
  );
}
