import { useEffect, useState } from 'preact/hooks';
import { ApiError, call, tokenFromLink } from './api.ts';
import { t } from './i18n.ts';

/**
 * What an e-mail's link opens (a registration, an application, an inquiry…), read with the link's
 * token: the value, or the problem in words (no token, expired or not this one's, gone, unreachable).
 * The path is read again when it, or the token in the address, changes.
 */
export function useLinked<T>(path: string, noToken: () => string) {
  const token = tokenFromLink();
  const [value, setValue] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setValue(null);
    if (!token) return void setProblem(noToken());
    setProblem(null);
    call<T>('GET', path, { token }).then(setValue, (error: unknown) =>
      setProblem(error instanceof ApiError && (error.status === 401 || error.status === 403) ? t('status.expired') : error instanceof ApiError && error.status === 404 ? t('notFound.title') : t('form.network')),
    );
  }, [path, token]);
  return { token, value, setValue, problem };
}

/** While a linked page loads, or why it cannot show. */
export function LinkedState(props: { problem: string | null }) {
  return props.problem ? <p role="alert">{props.problem}</p> : <p aria-live="polite">{t('common.loading')}</p>;
}

/** The message to show for a failed call: the API's own (it names the problem), or the network one. */
export const problemOf = (error: unknown) => (error instanceof ApiError && error.status !== 0 ? error.message : t('form.network'));
