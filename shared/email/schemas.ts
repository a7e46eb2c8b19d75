import * as z from 'zod';

export const languages = ['en', 'fr'] as const;
export const Language = z.enum(languages).meta({ id: 'Language' });
export type Language = z.infer<typeof Language>;

/**
 * pending: waiting to be sent (again) at nextAttemptAt; sending: claimed by a dispatcher run;
 * sent: accepted by SES; failed: given up (attempts exhausted, rejected, or delivery uncertain);
 * suppressed: every recipient is on the suppression list, so nothing was sent.
 */
export const notificationStates = ['pending', 'sending', 'sent', 'failed', 'suppressed'] as const;
export const NotificationState = z.enum(notificationStates).meta({ id: 'NotificationState' });
export type NotificationState = z.infer<typeof NotificationState>;

const instant = z.iso.datetime({ offset: true });

export const Notification = z
  .object({
    notificationId: z.string(),
    template: z.string(),
    language: Language,
    to: z.array(z.email()).min(1),
    data: z.record(z.string(), z.unknown()),
    dedupeKey: z.string(),
    state: NotificationState,
    attempts: z.number().int().min(0),
    nextAttemptAt: instant,
    lastError: z.string().nullable(),
    sesMessageId: z.string().nullable(),
    suppressedRecipients: z.array(z.string()),
    claimToken: z.string().nullable(),
    claimExpiresAt: instant.nullable(),
    sendStartedAt: instant.nullable(),
    createdAt: instant,
    updatedAt: instant,
    sentAt: instant.nullable(),
    failedAt: instant.nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const RenderedMessage = z
  .object({
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() })),
  })
  .meta({ id: 'RenderedMessage' });
export type RenderedMessage = z.infer<typeof RenderedMessage>;

export const Suppression = z
  .object({
    email: z.email(),
    reason: z.enum(['bounce', 'complaint', 'manual']),
    detail: z.string().nullable(),
    suppressedAt: instant,
    suppressedBy: z.string(),
  })
  .meta({ id: 'Suppression' });
export type Suppression = z.infer<typeof Suppression>;

/** One link a notice carried, as staff may know it: what it opens, never its token. */
export const LinkSummary = z
  .object({
    kind: z.string().meta({ description: "What the link is, in words: 'ballot link', 'registration status link'…" }),
    subject: z.string().meta({ description: 'The record it opens: the registration, application, list (circulation), member, candidacy or inquiry' }),
    memberState: z.string().nullable().meta({ description: 'For a ballot link, the Member State whose ballot it is' }),
    expiresAt: instant,
  })
  .meta({ id: 'LinkSummary' });

export const ResendAnswer = z
  .object({ notifications: z.array(Notification).meta({ description: 'The queued copy, its links fresh (withheld here like every link)' }), links: z.array(LinkSummary) })
  .meta({ id: 'NotificationResent' });

export const RevokeLinksBody = z
  .object({
    reason: z.string().trim().min(3).max(1000).meta({ description: 'Why, for the audit trail: e.g. “sent to a former mission address”' }),
    sendFresh: z.boolean().default(true).meta({ description: 'Mail fresh links to the holders (the default); false only withdraws' }),
  })
  .strict()
  .meta({ id: 'RevokeLinks' });

export const RevokeLinksAnswer = z
  .object({ withdrawn: z.array(LinkSummary), notifications: z.array(Notification).meta({ description: 'The fresh notices queued, one per address' }) })
  .meta({ id: 'LinksWithdrawn' });
