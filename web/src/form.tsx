import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { effect } from '@preact/signals';
import * as z from 'zod';
import { en as zodEn, fr as zodFr } from 'zod/locales';
import { ApiError, type FieldProblem } from './api.ts';
import { language, t, type LanguageCode, type MessageKey } from './i18n.ts';
import { fieldMessage } from './validation.ts';

/** zod's own messages (too short, not an e-mail address…) in the page's language; loaded with the forms only, not the shell. */
const zodLocales: Record<LanguageCode, () => Parameters<typeof z.config>[0]> = { en: zodEn, fr: zodFr };
effect(() => {
  z.config(zodLocales[language.value]());
});

/**
 * A form checked in the browser with the API's own zod schema, then sent; the API's field errors
 * are shown beside the fields they name, and nothing typed is lost. Fields are named as the API
 * names them (body.contact.email), so one map of errors serves both.
 */
export function useForm<S extends z.ZodType>(schema: S, prefix = 'body') {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (problems: FieldProblem[], message: string | null) => {
    setErrors(Object.fromEntries(problems.map((problem) => [problem.field.replace(/\.(\d+)(?=\.|$)/g, '[$1]'), fieldMessage(problem.message)])));
    setSummary(message);
  };

  async function submit<T>(value: unknown, send: (parsed: z.output<S>) => Promise<T>): Promise<T | undefined> {
    const checked = schema.safeParse(value);
    if (!checked.success) {
      show(
        checked.error.issues.map((issue) => ({ field: [prefix, ...issue.path].map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`)).join(''), message: issue.message })),
        t('form.fixFields'),
      );
      return undefined;
    }
    setBusy(true);
    try {
      const result = await send(checked.data);
      show([], null);
      return result;
    } catch (error) {
      // With fields named, the fields carry the messages (in the page's language); otherwise the API's own.
      if (error instanceof ApiError) show(error.fields, error.status === 0 ? t('form.network') : error.fields.length ? t('form.fixFields') : error.message);
      else throw error;
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { errors, summary, busy, submit, error: (field: string) => errors[field] };
}

/** A text input's value and its onInput, for a field kept in component state. */
export const bindText = (value: string, set: (value: string) => void) => ({ value, onInput: (event: Event) => set((event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value) });
/** A select's value and its onChange. */
export const bindSelect = (value: string, set: (value: string) => void) => ({ value, onChange: (event: Event) => set((event.currentTarget as HTMLSelectElement).value) });
/** An optional text: empty means null, as the API's schemas say. */
export const orNull = (value: string) => (value.trim() === '' ? null : value);

let fieldCount = 0;

export function Field(props: { label: MessageKey; name: string; error: string | undefined; hint?: MessageKey; children: (id: string, describedBy: string | undefined) => ComponentChildren }) {
  const [id] = useState(() => `field-${(fieldCount += 1)}`);
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' invalid' : ''}`}>
      <label for={id}>{t(props.label)}</label>
      {props.hint && <p class="hint" id={`${id}-hint`}>{t(props.hint)}</p>}
      {props.children(id, describedBy)}
      {props.error && (
        <p class="error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

export function Summary(props: { message: string | null }) {
  return props.message ? (
    <div class="summary" role="alert" tabIndex={-1}>
      {props.message}
    </div>
  ) : null;
}
