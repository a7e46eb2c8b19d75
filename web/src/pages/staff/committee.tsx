import { StaffShell } from '../../staff/shell.tsx';

/** Placeholder: being built. */
export function StaffCommittee(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <h1>StaffCommittee</h1>
    </StaffShell>
  );
}

/** Placeholder: being built. */
export function StaffCommitteeCall(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <h1>StaffCommitteeCall</h1>
    </StaffShell>
  );
}

