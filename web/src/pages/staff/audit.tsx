import { StaffShell } from '../../staff/shell.tsx';

/** Placeholder: being built. */
export function StaffAudit(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <h1>StaffAudit</h1>
    </StaffShell>
  );
}

