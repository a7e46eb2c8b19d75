import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { RenderedMessage } from '#shared/email/schemas.ts';

/** The raw MIME message SES sends (multipart text + HTML, with attachments such as .ics files). */
export function buildMime(message: RenderedMessage, envelope: { from: string; to: string[]; replyTo?: string | undefined; notificationId: string }): Promise<Buffer> {
  const composer = new MailComposer({
    from: envelope.from,
    to: envelope.to,
    ...(envelope.replyTo ? { replyTo: envelope.replyTo } : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: { 'X-Notification-Id': envelope.notificationId },
    attachments: message.attachments.map((attachment) => ({ filename: attachment.filename, contentType: attachment.contentType, content: attachment.content })),
  });
  return composer.compile().build();
}
