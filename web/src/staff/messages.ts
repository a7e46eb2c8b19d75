import { addMessages } from '../i18n.ts';
import consoleEn from '../i18n/staff/console.en.json' with { type: 'json' };
import consoleFr from '../i18n/staff/console.fr.json' with { type: 'json' };
import meetingsEn from '../i18n/staff/meetings.en.json' with { type: 'json' };
import meetingsFr from '../i18n/staff/meetings.fr.json' with { type: 'json' };
import accreditationEn from '../i18n/staff/accreditation.en.json' with { type: 'json' };
import accreditationFr from '../i18n/staff/accreditation.fr.json' with { type: 'json' };
import committeeEn from '../i18n/staff/committee.en.json' with { type: 'json' };
import committeeFr from '../i18n/staff/committee.fr.json' with { type: 'json' };
import trustFundEn from '../i18n/staff/trust-fund.en.json' with { type: 'json' };
import trustFundFr from '../i18n/staff/trust-fund.fr.json' with { type: 'json' };
import notificationsEn from '../i18n/staff/notifications.en.json' with { type: 'json' };
import notificationsFr from '../i18n/staff/notifications.fr.json' with { type: 'json' };
import auditEn from '../i18n/staff/audit.en.json' with { type: 'json' };
import auditFr from '../i18n/staff/audit.fr.json' with { type: 'json' };

/**
 * The staff console's messages, one catalogue per area and language (web/src/i18n/staff/), loaded
 * with the console's pages only so that the public pages stay small. A language is added with its
 * files here and in web/src/i18n.ts; the pages do not change.
 */
export const staffEnglish = { ...consoleEn, ...meetingsEn, ...accreditationEn, ...committeeEn, ...trustFundEn, ...notificationsEn, ...auditEn };
export const staffFrench = { ...consoleFr, ...meetingsFr, ...accreditationFr, ...committeeFr, ...trustFundFr, ...notificationsFr, ...auditFr };

addMessages({ en: staffEnglish, fr: staffFrench });
