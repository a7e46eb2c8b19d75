import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { recordSesFeedback, type SesFeedbackEvent } from '#shared/email/suppressions.ts';
import bounce from '../events/ses-bounce.json' with { type: 'json' };

const documentClient = mockClient(DynamoDBDocumentClient);
beforeEach(() => documentClient.reset().on(PutCommand).resolves({}));

const event = (change: (copy: SesFeedbackEvent) => void): SesFeedbackEvent => {
  const copy = structuredClone(bounce) as SesFeedbackEvent;
  change(copy);
  return copy;
};

describe('SES feedback', () => {
  it('suppresses a permanently bounced address, in lower case, with the diagnostic', async () => {
    const suppressed = await recordSesFeedback(bounce as SesFeedbackEvent, 'stakeholder-registry-prod');
    expect(suppressed).toEqual([{ email: 'old.mission@example.org', reason: 'bounce', detail: 'smtp; 550 5.1.1 user unknown', suppressedAt: '2017-04-20T10:15:00Z', suppressedBy: 'ses' }]);
    expect(documentClient.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({ pk: 'SUPPRESSION#old.mission@example.org', gsi1pk: 'SUPPRESSIONS' });
  });

  it('does not suppress on a transient bounce', async () => {
    expect(await recordSesFeedback(event((copy) => { if (copy.detail.bounce) copy.detail.bounce.bounceType = 'Transient'; }), 'stakeholder-registry-prod')).toEqual([]);
    expect(documentClient.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('suppresses a complaining address', async () => {
    const complaint = event((copy) => {
      copy['detail-type'] = 'Email Complaint Received';
      delete copy.detail.bounce;
      copy.detail.complaint = { complainedRecipients: [{ emailAddress: 'ngo@example.org' }], complaintFeedbackType: 'abuse' };
    });
    expect(await recordSesFeedback(complaint, 'stakeholder-registry-prod')).toEqual([expect.objectContaining({ email: 'ngo@example.org', reason: 'complaint', detail: 'abuse' })]);
  });

  it("ignores feedback about mail sent through another stage's configuration set", async () => {
    expect(await recordSesFeedback(bounce as SesFeedbackEvent, 'stakeholder-registry-dev')).toEqual([]);
    expect(documentClient.commandCalls(PutCommand)).toHaveLength(0);
  });
});
