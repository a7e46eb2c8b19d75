import { StaffShell } from '../../staff/shell.tsx';

/** Placeholder: being built. */
export function StaffAccreditation(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <h1>StaffAccreditation</h1>
    </StaffShell>
  );
}

/** Placeholder: being built. */
export function StaffCirculation(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <h1>StaffCirculation</h1>
    </StaffShell>
  );
}

