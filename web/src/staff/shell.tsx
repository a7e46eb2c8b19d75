import type { ComponentChildren, ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { bindText, Field, Summary } from '../form.tsx';
import { formatInstant, t, type MessageKey } from '../i18n.ts';
import { adoptToken, localSignIn, sessionEnded, signIn, signOut, staffMember } from './session.ts';

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
          {t('staff.signedInAs', { name: member.name ?? member.sub, role: member.role, until: formatInstant(new Date(member.exp * 1000).toISOString()) })}{' '}
          <button type="button" class="secondary" onClick={() => signOut()}>
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

function SignIn() {
  const local = localSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(sessionEnded.value === 'expired' ? t('staff.signIn.expired') : null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const accepted = local && email ? await signIn(email.trim(), password) : adoptToken(token.trim());
      if (!accepted) setProblem(t(local && email ? 'staff.signIn.refused' : 'staff.signIn.badToken'));
    } catch {
      setProblem(t('form.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="staff-sign-in">
      <h1>{t('staff.signIn.title')}</h1>
      <Summary message={problem} />
      <form onSubmit={submit} noValidate>
        {local && (
          <>
            <p>{t('staff.signIn.local')}</p>
            <Field label="staff.signIn.email" name="email" error={undefined}>
              {(id) => <input id={id} type="email" autocomplete="username" {...bindText(email, setEmail)} />}
            </Field>
            <Field label="staff.signIn.password" name="password" error={undefined}>
              {(id) => <input id={id} type="password" autocomplete="current-password" {...bindText(password, setPassword)} />}
            </Field>
          </>
        )}
        <details open={!local}>
          <summary>{t('staff.signIn.withToken')}</summary>
          <Field label="staff.signIn.token" name="token" hint="staff.signIn.tokenHint" error={undefined}>
            {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} spellcheck={false} {...bindText(token, setToken)} />}
          </Field>
        </details>
        <button type="submit" disabled={busy}>
          {t('staff.signIn.submit')}
        </button>
      </form>
    </section>
  );
}
