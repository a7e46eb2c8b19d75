import type * as z from 'zod';
import { html } from '#shared/email/html.ts';
import type { RenderedMessage } from '#shared/email/schemas.ts';
import type { templates } from '#shared/email/templates.ts';
import { frame, type RenderContext } from '#shared/email/render/layout.ts';

type Data = z.output<typeof templates.testMessage.data>;

const words = {
  en: { subject: 'Test message from the stakeholder registry', body: (who: string, when: string) => `${who} asked for this test message at ${when}. If you can read it, e-mail from the registry reaches this address.` },
  fr: { subject: 'Message d’essai du registre des parties prenantes', body: (who: string, when: string) => `${who} a demandé ce message d’essai le ${when}. Si vous le lisez, les courriels du registre parviennent à cette adresse.` },
} as const;

/** Lets staff check the sender identity, the configuration set and a recipient's mailbox. */
export function renderTestMessage(data: Data, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const text = w.body(data.requestedBy, data.requestedAt);
  return { ...frame(context, w.subject, text, html`<p>${text}</p>`), attachments: [] };
}
