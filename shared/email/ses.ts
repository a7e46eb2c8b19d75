import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { setting } from '#shared/config.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { sendEmail: true, env: ['AWS_REGION', 'SES_ENDPOINT', 'SENDER_EMAIL', 'SES_CONFIGURATION_SET'] };

let client: SESv2Client | undefined;

/** One SES v2 client per process; locally SES_ENDPOINT points it at aws-ses-v2-local. */
export function sesClient(): SESv2Client {
  if (!client) {
    const endpoint = setting('SES_ENDPOINT');
    // One try per call: the dispatcher decides about retries, with its own backoff and claims.
    client = new SESv2Client({ region: setting('AWS_REGION'), maxAttempts: 1, ...(endpoint ? { endpoint } : {}) });
  }
  return client;
}

export function resetSesClient(): void {
  client?.destroy();
  client = undefined;
}

export async function sendRawEmail(mime: Buffer, to: string[]): Promise<string> {
  const SENDER_EMAIL = setting('SENDER_EMAIL');
  const SES_CONFIGURATION_SET = setting('SES_CONFIGURATION_SET');
  const result = await sesClient().send(
    new SendEmailCommand({
      FromEmailAddress: SENDER_EMAIL,
      Destination: { ToAddresses: to },
      Content: { Raw: { Data: mime } },
      ...(SES_CONFIGURATION_SET ? { ConfigurationSetName: SES_CONFIGURATION_SET } : {}),
    }),
  );
  if (!result.MessageId) throw new Error('SES accepted the message but returned no MessageId');
  return result.MessageId;
}

/**
 * unavailable: SES is throttling, paused or unreachable: no fault of this message, so the try is
 * not counted and the run stops. rejected: SES refused this message for good. failed: this try
 * failed; it counts towards the attempts.
 */
export type SendFailure = 'unavailable' | 'rejected' | 'failed';

const unavailableNames = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'LimitExceededException', 'SendingPausedException', 'AccountSuspendedException']);

export function classifySendError(error: unknown): SendFailure {
  const { name, $metadata } = (error ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (name && unavailableNames.has(name)) return 'unavailable';
  const status = $metadata?.httpStatusCode;
  if (status === undefined || status >= 500 || status === 429) return 'unavailable'; // network errors carry no status
  if (name === 'MessageRejected') return 'rejected';
  return 'failed';
}
