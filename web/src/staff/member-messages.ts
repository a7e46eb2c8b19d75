import { addMessages } from '../i18n.ts';
import consoleEn from '../i18n/staff/console.en.json' with { type: 'json' };
import consoleFr from '../i18n/staff/console.fr.json' with { type: 'json' };
import committeeEn from '../i18n/staff/committee.en.json' with { type: 'json' };
import committeeFr from '../i18n/staff/committee.fr.json' with { type: 'json' };

/**
 * The messages a steering-committee member's page uses: they live in the committee's catalogue
 * (staff.committee.member.*) beside the console's common ones, and only these two load with the
 * page, not the whole console's. A language is added here as in messages.ts.
 */
addMessages({ en: { ...consoleEn, ...committeeEn }, fr: { ...consoleFr, ...committeeFr } });
