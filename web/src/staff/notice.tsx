import type { ComponentChildren } from 'preact';
import { t } from '../i18n.ts';

/** A polite live region (role=status) for what the last action did; rendered from the start where its changes must be announced. */
export function Status(props: { children?: ComponentChildren }) {
  return <div role="status">{props.children}</div>;
}

/** A problem, announced at once (role=alert); nothing when there is none. */
export function Problem(props: { message: string | null | undefined }) {
  return props.message ? (
    <p class="error" role="alert">
      {props.message}
    </p>
  ) : null;
}

/** Until something has loaded: Loading…, politely, or the problem that stopped it. */
export function Loading(props: { problem?: string | null }) {
  return props.problem ? <Problem message={props.problem} /> : <p aria-live="polite">{t('common.loading')}</p>;
}

/** The outcome of the last action: a notice (role=status) or a problem (role=alert). */
export type Outcome = { text: string; problem: boolean } | null;

export function Notice(props: { notice: Outcome }) {
  if (!props.notice) return null;
  return props.notice.problem ? <Problem message={props.notice.text} /> : <Status>{props.notice.text}</Status>;
}
