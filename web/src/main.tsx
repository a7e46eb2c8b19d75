import { render, type ComponentType } from 'preact';
import { ErrorBoundary, lazy, LocationProvider, Route, Router } from 'preact-iso';
import { Layout } from './layout.tsx';
import { setLanguage, language } from './i18n.ts';
import './styles.css';

// One chunk per page: a public page loads the shell and its own chunk only.
const Meetings = lazy(() => import('./pages/meetings.tsx').then((module) => module.Meetings));
const MeetingPage = lazy(() => import('./pages/meeting.tsx').then((module) => module.MeetingPage));
const RegistrationStatus = lazy(() => import('./pages/registration-status.tsx').then((module) => module.RegistrationStatus));
const BallotPage = lazy(() => import('./pages/ballot.tsx').then((module) => module.BallotPage));
const TrustFundPage = lazy(() => import('./pages/trust-fund.tsx').then((module) => module.TrustFundPage));
const InquiryStatus = lazy(() => import('./pages/inquiry-status.tsx').then((module) => module.InquiryStatus));
const AccreditationPage = lazy(() => import('./pages/accreditation.tsx').then((module) => module.AccreditationPage));
const ApplicationStatus = lazy(() => import('./pages/application-status.tsx').then((module) => module.ApplicationStatus));
const SteeringCommittee = lazy(() => import('./pages/steering-committee.tsx').then((module) => module.SteeringCommittee));
const CommitteeCall = lazy(() => import('./pages/committee-call.tsx').then((module) => module.CommitteeCall));
const CandidacyStatus = lazy(() => import('./pages/candidacy-status.tsx').then((module) => module.CandidacyStatus));
const MemberPage = lazy(() => import('./pages/member.tsx').then((module) => module.MemberPage));
// The staff console: its own chunks and catalogues, never loaded by a public page; a page is mounted once someone is signed in.
const staffPage = <P extends object>(load: () => Promise<ComponentType<P>>) => lazy(() => Promise.all([load(), import('./staff/shell.tsx')]).then(([page, shell]) => shell.signedIn(page)));
const StaffHome = staffPage(() => import('./pages/staff/home.tsx').then((module) => module.StaffHome));
const StaffMeetings = staffPage(() => import('./pages/staff/registrations.tsx').then((module) => module.StaffMeetings));
const MeetingRegistrations = staffPage(() => import('./pages/staff/registrations.tsx').then((module) => module.MeetingRegistrations));
const MeetingSpeakers = staffPage(() => import('./pages/staff/speakers.tsx').then((module) => module.MeetingSpeakers));
const StaffAccreditation = staffPage(() => import('./pages/staff/accreditation.tsx').then((module) => module.StaffAccreditation));
const StaffCirculation = staffPage(() => import('./pages/staff/circulation.tsx').then((module) => module.StaffCirculation));
const StaffCommittee = staffPage(() => import('./pages/staff/committee.tsx').then((module) => module.StaffCommittee));
const StaffCommitteeCall = staffPage(() => import('./pages/staff/committee-call.tsx').then((module) => module.StaffCommitteeCall));
const StaffTrustFund = staffPage(() => import('./pages/staff/trust-fund.tsx').then((module) => module.StaffTrustFund));
const StaffInquiry = staffPage(() => import('./pages/staff/trust-fund.tsx').then((module) => module.StaffInquiry));
const StaffNotifications = staffPage(() => import('./pages/staff/notifications.tsx').then((module) => module.StaffNotifications));
const StaffNotification = staffPage(() => import('./pages/staff/notifications.tsx').then((module) => module.StaffNotification));
const StaffAudit = staffPage(() => import('./pages/staff/audit.tsx').then((module) => module.StaffAudit));
const NotFound = lazy(() => import('./pages/not-found.tsx').then((module) => module.NotFound));

setLanguage(language.value);

export function App() {
  return (
    <LocationProvider>
      <Layout>
        <ErrorBoundary>
          <Router>
            <Route path="/" component={Meetings} />
            <Route path="/meetings" component={Meetings} />
            <Route path="/meetings/:meetingId" component={MeetingPage} />
            <Route path="/registrations/:registrationId" component={RegistrationStatus} />
            <Route path="/circulations/:circulationId/ballot" component={BallotPage} />
            <Route path="/trust-fund" component={TrustFundPage} />
            <Route path="/trust-fund/inquiries/:inquiryId/status" component={InquiryStatus} />
            <Route path="/accreditation" component={AccreditationPage} />
            <Route path="/accreditation/applications/:applicationId" component={ApplicationStatus} />
            <Route path="/steering-committee" component={SteeringCommittee} />
            <Route path="/steering-committee/calls/:callId" component={CommitteeCall} />
            <Route path="/steering-committee/calls/:callId/candidacies/:candidateId" component={CandidacyStatus} />
            <Route path="/steering-committee/members/:memberId" component={MemberPage} />
            <Route path="/staff" component={StaffHome} />
            <Route path="/staff/meetings" component={StaffMeetings} />
            <Route path="/staff/meetings/:meetingId" component={MeetingRegistrations} />
            <Route path="/staff/meetings/:meetingId/speakers" component={MeetingSpeakers} />
            <Route path="/staff/accreditation" component={StaffAccreditation} />
            <Route path="/staff/circulations/:circulationId" component={StaffCirculation} />
            <Route path="/staff/steering-committee" component={StaffCommittee} />
            <Route path="/staff/steering-committee/calls/:callId" component={StaffCommitteeCall} />
            <Route path="/staff/trust-fund" component={StaffTrustFund} />
            <Route path="/staff/trust-fund/inquiries/:inquiryId" component={StaffInquiry} />
            <Route path="/staff/notifications" component={StaffNotifications} />
            <Route path="/staff/notifications/:notificationId" component={StaffNotification} />
            <Route path="/staff/audit" component={StaffAudit} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </Layout>
    </LocationProvider>
  );
}

render(<App />, document.getElementById('app')!);
