/**
 * THE schedule table: every scheduled handler and its rate, once. infra/jobs-stack.ts turns each
 * entry into an EventBridge schedule and a Lambda; local/scheduler.ts ticks the same handlers at the
 * same rates in-process (or at `localEverySeconds` where a person wants to see results at once).
 */
export interface ScheduleSpec {
  name: string;
  /** Module under functions/, without extension: functions/<handler>.ts exports `handler`. */
  handler: `${string}/${string}`;
  everyMinutes: number;
  /** Locally, tick this often instead (seconds); overridable with LOCAL_<NAME>_EVERY_SECONDS. */
  localEverySeconds?: number;
  description: string;
}

export const schedules = {
  heartbeat: {
    name: 'heartbeat',
    handler: 'system/record-heartbeat',
    everyMinutes: 5,
    description: 'Records that the scheduler runs, so GET /health can tell when scheduled jobs stop',
  },
  dispatchNotifications: {
    name: 'dispatch-notifications',
    handler: 'notifications/dispatch-notifications',
    everyMinutes: 1,
    localEverySeconds: 3,
    description: 'Sends pending notifications through SES at the configured rate, retrying with backoff',
  },
  notifyMeetingChanges: {
    name: 'notify-meeting-changes',
    handler: 'registrations/notify-meeting-changes',
    everyMinutes: 5,
    localEverySeconds: 10,
    description: 'Tells registrants of a meeting whose dates, venue, time zone or registration window changed',
  },
  sendMeetingReminders: {
    name: 'send-meeting-reminders',
    handler: 'registrations/send-meeting-reminders',
    everyMinutes: 60,
    localEverySeconds: 60,
    description: 'Reminds approved registrants a week and a day before their meeting',
  },
  closeRegistrations: {
    name: 'close-registrations',
    handler: 'registrations/close-registrations',
    everyMinutes: 15,
    localEverySeconds: 30,
    description: "Records the end of each meeting's registration window and sends staff what there is to review",
  },
  completeCirculationNotices: {
    name: 'complete-circulation-notices',
    handler: 'circulations/complete-notices',
    everyMinutes: 1,
    localEverySeconds: 3,
    description: "Finishes writing a list's notices to the missions when the request that started them stopped early",
  },
  closeCirculations: {
    name: 'close-circulations',
    handler: 'circulations/close-circulations',
    everyMinutes: 1,
    localEverySeconds: 5,
    description: 'Closes each list after its non-objection deadline: names without a standing objection are accredited; applicants and staff are told',
  },
  sendCirculationReminders: {
    name: 'send-circulation-reminders',
    handler: 'circulations/send-circulation-reminders',
    everyMinutes: 60,
    localEverySeconds: 60,
    description: "Reminds every mission 3 days before a list's deadline",
  },
  sendObjectionDigest: {
    name: 'send-objection-digest',
    handler: 'circulations/send-objection-digest',
    everyMinutes: 1440,
    localEverySeconds: 300,
    description: "Sends staff the previous day's objections, withdrawals and information requests, once a day",
  },
  remindStaleInquiries: {
    name: 'remind-stale-inquiries',
    handler: 'trust-fund/remind-stale-inquiries',
    everyMinutes: 60,
    localEverySeconds: 60,
    description: 'Reminds staff of each trust-fund inquiry nobody has touched for 7 days',
  },
} as const satisfies Record<string, ScheduleSpec>;

export type ScheduleId = keyof typeof schedules;
export const scheduleList: readonly ScheduleSpec[] = Object.values(schedules);
