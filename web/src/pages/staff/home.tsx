import { t, type MessageKey } from '../../i18n.ts';
import { StaffShell } from '../../staff/shell.tsx';

const areas: { path: string; title: MessageKey; text: MessageKey }[] = [
  { path: '/staff/meetings', title: 'staff.nav.meetings', text: 'staff.home.meetings' },
  { path: '/staff/accreditation', title: 'staff.nav.accreditation', text: 'staff.home.accreditation' },
  { path: '/staff/steering-committee', title: 'staff.nav.committee', text: 'staff.home.committee' },
  { path: '/staff/trust-fund', title: 'staff.nav.trustFund', text: 'staff.home.trustFund' },
  { path: '/staff/notifications', title: 'staff.nav.notifications', text: 'staff.home.notifications' },
  { path: '/staff/audit', title: 'staff.nav.audit', text: 'staff.home.audit' },
];

/** The staff console's front page: its areas. */
export function StaffHome() {
  return (
    <StaffShell>
      <h1>{t('staff.home.title')}</h1>
      <p>{t('staff.home.intro')}</p>
      <ul class="cards">
        {areas.map((area) => (
          <li>
            <h2>
              <a href={area.path}>{t(area.title)}</a>
            </h2>
            <p>{t(area.text)}</p>
          </li>
        ))}
      </ul>
    </StaffShell>
  );
}
