import { StaffShell } from '../../staff/shell.tsx';

/** Placeholder: being built. */
export function StaffMeetings(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <h1>StaffMeetings</h1>
    </StaffShell>
  );
}

/** Placeholder: being built. */
export function MeetingRegistrations(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <h1>MeetingRegistrations</h1>
    </StaffShell>
  );
}

/** Placeholder: being built. */
export function MeetingSpeakers(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <h1>MeetingSpeakers</h1>
    </StaffShell>
  );
}

