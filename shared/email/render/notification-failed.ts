import type * as z from 'zod';
import { html } from '#shared/email/html.ts';
import type { RenderedMessage } from '#shared/email/schemas.ts';
import type { templates } from '#shared/email/templates.ts';
import { frame, type RenderContext } from '#shared/email/render/layout.ts';

type Data = z.output<typeof templates.notificationFailed.data>;

const reasons = {
  'attempts-exhausted': 'every attempt to send it failed',
  rejected: 'the e-mail service rejected it',
  'delivery-uncertain': 'a dispatcher stopped between sending it and recording the result, so it may or may not have gone out; it was not sent again',
} as const;

/** To OPGA staff, always in English (the staff console's language). */
export function renderNotificationFailed(data: Data, context: RenderContext): RenderedMessage {
  const subject = `E-mail not delivered: ${data.template} to ${data.to.join(', ')}`;
  const text = `An e-mail could not be delivered: ${reasons[data.reason]}.

Message: ${data.template}
To: ${data.to.join(', ')}
Attempts: ${data.attempts}
Last error: ${data.lastError ?? 'none recorded'}
Notification: ${data.notificationId}

Check the address, then retry it from the notifications list in the staff console (POST /notifications/${data.notificationId}/retry).`;
  const body = html`<h1 style="font-size: 1.3em">E-mail not delivered</h1>
<p>An e-mail could not be delivered: ${reasons[data.reason]}.</p>
<table>
<tr><th scope="row" align="left">Message</th><td>${data.template}</td></tr>
<tr><th scope="row" align="left">To</th><td>${data.to.join(', ')}</td></tr>
<tr><th scope="row" align="left">Attempts</th><td>${data.attempts}</td></tr>
<tr><th scope="row" align="left">Last error</th><td>${data.lastError ?? 'none recorded'}</td></tr>
<tr><th scope="row" align="left">Notification</th><td>${data.notificationId}</td></tr>
</table>
<p>Check the address, then retry it from the notifications list in the staff console.</p>`;
  return { ...frame({ ...context, language: 'en' }, subject, text, body), attachments: [] };
}
