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
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </Layout>
    </LocationProvider>
  );
}

render(<App />, document.getElementById('app')!);
