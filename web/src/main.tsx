import { render } from 'preact';
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
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </Layout>
    </LocationProvider>
  );
}

render(<App />, document.getElementById('app')!);
