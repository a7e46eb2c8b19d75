import { StaffShell } from '../../staff/shell.tsx';

/** Placeholder: being built. */
export function StaffTrustFund(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <h1>StaffTrustFund</h1>
    </StaffShell>
  );
}

/** Placeholder: being built. */
export function StaffInquiry(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <h1>StaffInquiry</h1>
    </StaffShell>
  );
}

