import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { Summary } from '../form.tsx';
import { formatInstant, language, t, type MessageKey } from '../i18n.ts';
import { beginSignIn, completeSignIn, isSignInCallback, sessionEnded, SignInProblem, signOut, staffMember } from './session.ts';

/** The console's areas: in the bar on every page, and described on the front page. */
export const sections: { path: string; label: MessageKey; text: MessageKey; also?: string }[] = [
  { path: '/staff/meetings', label: 'staff.nav.meetings', text: 'staff.home.meetings' },
  { path: '/staff/accreditation', label: 'staff.nav.accreditation', text: 'staff.home.accreditation', also: '/staff/circulations' },
  { path: '/staff/steering-committee', label: 'staff.nav.committee', text: 'staff.home.committee' },
  { path: '/staff/trust-fund', label: 'staff.nav.trustFund', text: 'staff.home.trustFund' },
  { path: '/staff/notifications', label: 'staff.nav.notifications', text: 'staff.home.notifications' },
  { path: '/staff/audit', label: 'staff.nav.audit', text: 'staff.home.audit' },
];

/** Every staff page is wrapped in this: the console's sections and who is signed in, or the sign-in form. */
export function StaffShell(props: { children: ComponentChildren }) {
  const { path } = useLocation();
  const member = staffMember.value;
  if (!member) return <SignIn />;
  return (
    <div class="staff">
      <div class="staff-bar">
        <nav aria-label={t('staff.nav.label')}>
          <a href="/staff" aria-current={path === '/staff' ? 'page' : undefined}>
            {t('staff.nav.home')}
          </a>
          {sections.map((section) => (
            <a href={section.path} aria-current={path.startsWith(section.path) || (section.also && path.startsWith(section.also)) ? 'page' : undefined}>
              {t(section.label)}
            </a>
          ))}
        </nav>
        <p>
          {t('staff.signedInAs', { name: member.name, role: t(member.role === 'admin' ? 'staff.role.admin' : 'staff.role.reviewer'), until: formatInstant(new Date(member.exp * 1000).toISOString()) })}{' '}
          <button type="button" class="secondary" onClick={() => void signOut()}>
            {t('staff.signOut')}
          </button>
        </p>
      </div>
      {props.children}
    </div>
  );
}

/**
 * A console page mounted only once someone is signed in (main.tsx wraps every staff route in it):
 * its effects, which fetch with the token, never run without one.
 */
export function signedIn<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  return function SignedInPage(props: P) {
    return staffMember.value ? <Page {...props} /> : <SignIn />;
  };
}

const problemWords: Record<SignInProblem['kind'], MessageKey> = {
  'not-configured': 'staff.signIn.problem.not-configured',
  'no-role': 'staff.signIn.problem.no-role',
  stale: 'staff.signIn.problem.stale',
  refused: 'staff.signIn.problem.refused',
  network: 'staff.signIn.problem.network',
};

function SignIn() {
  const { url, route } = useLocation();
  const callback = isSignInCallback();
  const [problem, setProblem] = useState<string | null>(sessionEnded.value === 'expired' ? t('staff.signIn.expired') : null);
  const [busy, setBusy] = useState(callback);
  const explain = (error: unknown) => {
    const kind = error instanceof SignInProblem ? error.kind : 'refused';
    setProblem(t(problemWords[kind], { detail: error instanceof Error ? error.message : '' }));
    setBusy(false);
  };

  useEffect(() => {
    if (callback) completeSignIn().then((returnTo) => route(returnTo, true), explain);
  }, []);

  const submit = (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    beginSignIn(callback ? '/staff' : url, language.value).catch(explain);
  };

  return (
    <section class="staff-sign-in">
      <h1>{t('staff.signIn.title')}</h1>
      <Summary message={problem} />
      {busy && callback && !problem ? (
        <p role="status">{t('staff.signIn.completing')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t('staff.signIn.intro')}</p>
          <button type="submit" disabled={busy}>
            {t('staff.signIn.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
