import type * as z from 'zod';
import type { DonorView } from '#shared/trust-fund/schemas.ts';
import { formatInstant, formatMoney, t, type MessageKey } from '../i18n.ts';
import { LinkedState, useLinked } from '../linked.tsx';

type Inquiry = z.infer<typeof DonorView>;

/** A donor's inquiry, opened from the link in the fund's reply: where it stands, in words. */
export function InquiryStatus(props: { params?: { inquiryId: string } }) {
  const inquiryId = props.params?.inquiryId ?? '';
  const { value: inquiry, problem } = useLinked<Inquiry>(`/trust-fund/inquiries/${encodeURIComponent(inquiryId)}/status`, () => t('inquiryStatus.noToken'));
  if (!inquiry) return <LinkedState problem={problem} />;

  return (
    <section>
      <h1>{t('inquiryStatus.title', { donor: inquiry.donor.name })}</h1>
      <p class={`state state-${inquiry.state}`}>{t(`inquiry.state.${inquiry.state}` as MessageKey)}</p>
      {inquiry.review === 'manual-review' && <p>{t('inquiry.manualReview')}</p>}
      <dl>
        <dt>{t('inquiryStatus.intended')}</dt>
        <dd>{formatMoney(inquiry.intended)}</dd>
        <dt>{t('inquiryStatus.earmarking')}</dt>
        <dd>{inquiry.earmarked ? t('inquiryStatus.earmarkedTo', { objective: inquiry.objectiveTitle ?? inquiry.objectiveId ?? '' }) : t('inquiryStatus.unearmarked')}</dd>
        {inquiry.received && (
          <>
            <dt>{t('inquiryStatus.received')}</dt>
            <dd>{formatMoney(inquiry.received)}</dd>
          </>
        )}
        <dt>{t('inquiryStatus.sent')}</dt>
        <dd>{formatInstant(inquiry.createdAt)}</dd>
        <dt>{t('inquiryStatus.updated')}</dt>
        <dd>{formatInstant(inquiry.updatedAt)}</dd>
      </dl>
      <p>
        <a href="/trust-fund">{t('inquiryStatus.fund')}</a>
      </p>
    </section>
  );
}
