import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type * as z from 'zod';
import { bindText, Field, Summary, useForm } from '../../form.tsx';
import { t, type MessageKey } from '../../i18n.ts';

/** The names of the API's values on the screening page and a list's page. */
export const stageName = (stage: string) => t(`stage.${stage}` as MessageKey);
export const applicationState = (state: string) => t(`staff.accreditation.state.${state}` as MessageKey);
export const circulationState = (state: string) => t(`staff.accreditation.circulationState.${state}` as MessageKey);
export const groupName = (group: string | null) => t(`staff.accreditation.group.${group ?? 'none'}` as MessageKey);
export const typeName = (type: string) => t(`organisationType.${type}` as MessageKey);
export const genderName = (gender: string) => t(`gender.${gender}` as MessageKey);

/** A datetime-local value (the browser's time zone, to the second) for an instant, and back. */
const toLocalInput = (instant: Date) => new Date(instant.getTime() - instant.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
const fromLocalInput = (value: string) => (value && !Number.isNaN(new Date(value).getTime()) ? new Date(value).toISOString() : value);

/** A deadline set from a date-time input: a stage's application deadline, a list's circulation or its extension. */
export function DeadlineForm(props: { schema: z.ZodType; field: 'deadline' | 'applicationDeadline'; label: MessageKey; submit: MessageKey; initial: Date; send: (body: unknown) => Promise<unknown>; children?: ComponentChildren }) {
  const form = useForm(props.schema);
  const [value, setValue] = useState(toLocalInput(props.initial));
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit({ [props.field]: fromLocalInput(value) }, props.send);
      }}
    >
      <Summary message={form.summary} />
      <Field label={props.label} name={`body.${props.field}`} hint="staff.accreditation.localTime" error={form.error(`body.${props.field}`)}>
        {(id, describedBy) => <input id={id} type="datetime-local" step="1" aria-describedby={describedBy} {...bindText(value, setValue)} />}
      </Field>
      <p class="toolbar">
        <button type="submit" disabled={form.busy}>
          {t(props.submit)}
        </button>
        {props.children}
      </p>
    </form>
  );
}
