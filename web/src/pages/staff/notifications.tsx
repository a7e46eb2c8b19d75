import { StaffShell } from '../../staff/shell.tsx';

/** Placeholder: being built. */
export function StaffNotifications(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <h1>StaffNotifications</h1>
    </StaffShell>
  );
}

/** Placeholder: being built. */
export function StaffNotification(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <h1>StaffNotification</h1>
    </StaffShell>
  );
}

