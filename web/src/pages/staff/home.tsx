import { t } from '../../i18n.ts';
import { sections, StaffShell } from '../../staff/shell.tsx';

/** The staff console's front page: its areas. */
export function StaffHome() {
  return (
    <StaffShell>
      <h1>{t('staff.home.title')}</h1>
      <p>{t('staff.home.intro')}</p>
      <ul class="cards">
        {sections.map((section) => (
          <li>
            <h2>
              <a href={section.path}>{t(section.label)}</a>
            </h2>
            <p>{t(section.text)}</p>
          </li>
        ))}
      </ul>
    </StaffShell>
  );
}
