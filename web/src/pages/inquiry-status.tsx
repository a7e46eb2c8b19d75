import { useEffect, useState } from 'preact/hooks';
import type * as z from 'zod';
import type { DonorView } from '#shared/trust-fund/schemas.ts';
import { ApiError, call, tokenFromLink } from '../api.ts';
import { formatInstant, formatMoney, t, type MessageKey } from '../i18n.ts';

type Inquiry = z.infer<typeof DonorView>;

/** A donor's inquiry, opened from the link in the fund's reply: where it stands, in words. */
export function InquiryStatus(props: { params?: { inquiryId: string } }) {
  const inquiryId = props.params?.inquiryId ?? '';
  const token = tokenFromLink();
  const [inquiry, setInquiry] = useState<Inquiry | null>(null);
  const [problem, setProblem] = useState<string | null>(token ? null : t('inquiryStatus.noToken'));

  useEffect(() => {
    if (token)
      call<Inquiry>('GET', `/trust-fund/inquiries/${encodeURIComponent(inquiryId)}/status`, { token }).then(setInquiry, (error: unknown) =>
        setProblem(error instanceof ApiError && (error.status === 401 || error.status === 403) ? t('status.expired') : error instanceof ApiError && error.status === 404 ? t('notFound.title') : t('form.network')),
      );
  }, [inquiryId]);

  if (problem) return <p role="alert">{problem}</p>;
  if (!inquiry) return <p aria-live="polite">{t('common.loading')}</p>;

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
