import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureLambdas } from './lambdas.ts';
import { measureLatency } from './latency.ts';
import { measureDispatch } from './dispatch.ts';
import { measureRegistrations } from './registrations.ts';
import { measureCirculations } from './circulations.ts';
import { measureSlate } from './slate.ts';
import { measureWebPages } from './web.ts';
import { measureStaffToken } from './staff-token.ts';
import { logger } from '#shared/observability/logger.ts';

/**
 * `npm run bench`: figures as ratios against baselines measured in the same run, never absolute
 * thresholds. BENCH_REQUESTS sets the number of measured requests per path (default 2000).
 * Arguments name the sections to run (`npm run bench -- circulations`); none runs them all.
 * BENCH_SLATE_RUNS sets the runs of the slate section (default 31).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
logger.setLogLevel('WARN');
const requests = Math.max(100, Math.round(Number(process.env.BENCH_REQUESTS ?? 2000) / 10) * 10);
const kb = (bytes: number) => (bytes / 1024).toFixed(0).padStart(6);
const ms = (value: number) => value.toFixed(2).padStart(7);
const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}x`.padStart(7);
// The benches submit thousands of registrations from one client: the submission limits would stop them.
process.env.PUBLIC_POSTS_PER_CLIENT_PER_HOUR ??= '100000000';
process.env.PUBLIC_POSTS_PER_ADDRESS_PER_HOUR ??= '100000000';
const sections = ['lambdas', 'latency', 'staff-token', 'dispatch', 'registrations', 'circulations', 'slate', 'web'] as const;
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(sections as readonly string[]).includes(name));
if (unknown.length > 0) throw new Error(`No benchmark section ${unknown.join(', ')}: choose from ${sections.join(', ')}`);
const runs = (section: (typeof sections)[number]) => chosen.length === 0 || chosen.includes(section);
const recorded: Record<string, unknown> = {};

if (runs('lambdas')) {
  console.log('Lambdas: bundle size and module initialisation (median of 7 fresh Node processes), against a bare SDK + GetItem handler\n');
  const { baseline, lambdas } = await measureLambdas();
  console.log(`${'lambda'.padEnd(50)} ${'KiB'.padStart(6)} ${'gz KiB'.padStart(6)} ${'x base'.padStart(7)} ${'init ms'.padStart(7)} ${'x base'.padStart(7)}`);
  for (const row of [baseline, ...lambdas]) {
    console.log(`${row.lambda.padEnd(50)} ${kb(row.bytes)} ${kb(row.gzipBytes)} ${ratio(row.bytes, baseline.bytes)} ${ms(row.initMs)} ${ratio(row.initMs, baseline.initMs)}`);
  }
  Object.assign(recorded, { baseline, lambdas });
}

if (runs('latency')) {
  console.log(`\nGET /meetings/{meetingId} through the local server against the bare DynamoDB Local GetItem it needs (${requests} sequential requests each)\n`);
  const latency = await measureLatency(requests);
  console.log(`${''.padEnd(28)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`);
  console.log(`${'bare GetItem'.padEnd(28)} ${ms(latency.getItem.p50)} ${ms(latency.getItem.p99)}`);
  console.log(`${'GET /meetings/its-1'.padEnd(28)} ${ms(latency.api.p50)} ${ms(latency.api.p99)}`);
  console.log(`${'ratio'.padEnd(28)} ${ratio(latency.api.p50, latency.getItem.p50)} ${ratio(latency.api.p99, latency.getItem.p99)}`);
  console.log(`\nA link's check (HS256 and its withdrawal record, a consistent GetItem), in this process, against the bare GetItem\n`);
  console.log(`${'link check'.padEnd(28)} ${ms(latency.linkCheck.p50)} ${ms(latency.linkCheck.p99)}`);
  console.log(`${'ratio'.padEnd(28)} ${ratio(latency.linkCheck.p50, latency.getItem.p50)} ${ratio(latency.linkCheck.p99, latency.getItem.p99)}`);
  console.log(`\nA public submission's count against its limits (its client and one address: two conditional UpdateItems), against the bare GetItem\n`);
  console.log(`${'submission count'.padEnd(28)} ${ms(latency.submissionCount.p50)} ${ms(latency.submissionCount.p99)}`);
  console.log(`${'ratio'.padEnd(28)} ${ratio(latency.submissionCount.p50, latency.getItem.p50)} ${ratio(latency.submissionCount.p99, latency.getItem.p99)}`);
  recorded.latency = latency;
}

if (runs('staff-token')) {
  const verifications = requests * 5;
  console.log(`\nStaff token check per request: the API's verifier (RS256, the provider's JWKS cached) against the former HS256 shared-secret verify (${verifications} sequential checks each)\n`);
  const staffToken = await measureStaffToken(verifications);
  const us = (value: number) => value.toFixed(1).padStart(7);
  console.log(`${''.padEnd(28)} ${'p50 µs'.padStart(7)} ${'p99 µs'.padStart(7)} ${'per s'.padStart(8)}`);
  console.log(`${'HS256 verify (before)'.padEnd(28)} ${us(staffToken.hs256.p50Us)} ${us(staffToken.hs256.p99Us)} ${staffToken.hs256.perSecond.toFixed(0).padStart(8)}`);
  console.log(`${'staff access token (JWKS)'.padEnd(28)} ${us(staffToken.staff.p50Us)} ${us(staffToken.staff.p99Us)} ${staffToken.staff.perSecond.toFixed(0).padStart(8)}   (JWKS fetched ${staffToken.jwksFetches} time${staffToken.jwksFetches === 1 ? '' : 's'})`);
  console.log(`${'ratio'.padEnd(28)} ${ratio(staffToken.staff.p50Us, staffToken.hs256.p50Us)} ${ratio(staffToken.staff.p99Us, staffToken.hs256.p99Us)}`);
  recorded.staffToken = staffToken;
}

if (runs('dispatch')) {
  // DynamoDB Local serialises writes (in-memory SQLite), which caps a dispatcher near 30 notifications/s
  // here: the default rate stays below that, so the ratio measures the dispatcher, not the emulator.
  const dispatchRate = Number(process.env.BENCH_SEND_RATE ?? 25);
  console.log(`\nDispatcher: 1,000 notifications through DynamoDB Local and the SES emulator, one dispatcher, SES_MAX_SEND_RATE=${dispatchRate}/s\n`);
  const dispatch = await measureDispatch(1000, dispatchRate);
  console.log(`${'sent per second'.padEnd(28)} ${dispatch.sentPerSecond.toFixed(1).padStart(7)}   (${dispatch.delivered} delivered in ${dispatch.seconds.toFixed(1)} s)`);
  console.log(`${'ratio to the configured rate'.padEnd(28)} ${ratio(dispatch.sentPerSecond, dispatch.configuredRate)}   (at most 1.00: the dispatcher never exceeds it)`);
  recorded.dispatch = dispatch;
}

if (runs('registrations')) {
  console.log('\nRegistrations: 500 through the local API for one meeting (8 at a time), against the bare TransactWriteItems of the same shape\n');
  const registrations = await measureRegistrations(500, 8, 10_000);
  console.log(`${'registrations per second'.padEnd(28)} ${registrations.apiPerSecond.toFixed(1).padStart(7)}   (bare transactions: ${registrations.barePerSecond.toFixed(1)}/s)`);
  console.log(`${'ratio to bare'.padEnd(28)} ${ratio(registrations.apiPerSecond, registrations.barePerSecond)}`);
  console.log(`\nStaff listing of a meeting with ${registrations.listing.registrations.toLocaleString('en')} registrations (first page of 50), against the bare queries it needs\n`);
  console.log(`${''.padEnd(28)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'x bare'.padStart(7)} ${'x bare'.padStart(7)}`);
  for (const [name, figures] of [['all', registrations.listing.page], ['one regional group (10%)', registrations.listing.filtered]] as const) {
    console.log(`${name.padEnd(28)} ${ms(figures.p50)} ${ms(figures.p99)} ${ratio(figures.p50, figures.bareP50)} ${ratio(figures.p99, figures.bareP99)}   (bare p50 ${figures.bareP50.toFixed(2)}, p99 ${figures.bareP99.toFixed(2)})`);
  }
  recorded.registrations = registrations;
}

if (runs('circulations')) {
  const [applicants, objectedTo, rounds] = [300, 20, Math.max(1, Number(process.env.BENCH_CIRCULATION_ROUNDS ?? 3))];
  console.log(`\nNon-objection procedure: a list of ${applicants} applicants circulated to the seeded Member States, then closed after its deadline with ${objectedTo} objected to, against the bare TransactWriteItems they need (median of ${rounds} lists)\n`);
  const circulations = await measureCirculations(applicants, objectedTo, rounds);
  const { circulate, close } = circulations;
  console.log(`${''.padEnd(28)} ${'ms'.padStart(7)} ${'bare ms'.padStart(7)} ${'x bare'.padStart(7)}`);
  console.log(`${`circulate (${circulations.memberStates} notices)`.padEnd(28)} ${ms(circulate.ms)} ${ms(circulate.bareMs)} ${ratio(circulate.ms, circulate.bareMs)}   (a notice is ${kb(circulate.notificationBytes).trim()} KiB; bare: as many items of that size in ${circulate.transactions} transactions)`);
  console.log(`${'  bare, copies of the notice'.padEnd(28)} ${''.padStart(7)} ${ms(circulate.copiesMs)} ${ratio(circulate.ms, circulate.copiesMs)}   (the same writes with the real notice's 300 nested applicants, not one string)`);
  console.log(`${`close (${circulations.applicants} outcomes)`.padEnd(28)} ${ms(close.ms)} ${ms(close.bareMs)} ${ratio(close.ms, close.bareMs)}   (bare: one 5-item transaction per applicant, 10 at a time, and the closed list)`);
  recorded.circulations = circulations;
}

if (runs('web')) {
  console.log('\nWeb pages: JavaScript a first visit loads (gzip), against a bare Preact page bundled the same way, and as a share of the 100 KB budget\n');
  const web = await measureWebPages();
  console.log(`${'page'.padEnd(28)} ${'gz KiB'.padStart(7)} ${'x bare'.padStart(7)} ${'budget'.padStart(7)}`);
  console.log(`${'bare Preact page'.padEnd(28)} ${kb(web.baselineGzipBytes).padStart(7)}`);
  for (const page of web.pages) console.log(`${page.page.padEnd(28)} ${kb(page.gzipBytes).padStart(7)} ${ratio(page.gzipBytes, web.baselineGzipBytes)} ${page.public ? ratio(page.gzipBytes, web.budgetBytes) : '  staff'}`);
  recorded.web = web;
}

if (runs('slate')) {
  const [candidates, seats, slateRuns] = [2000, 20, Math.max(5, Number(process.env.BENCH_SLATE_RUNS ?? 31))];
  console.log(`\nSteering committee: a slate suggested from ${candidates.toLocaleString('en')} generated candidates for ${seats} seats, against sorting them by score and taking the top ${seats} (median of ${slateRuns} runs of 5 calls)\n`);
  const slate = measureSlate(candidates, seats, slateRuns);
  console.log(`${''.padEnd(28)} ${'ms'.padStart(7)} ${'x base'.padStart(7)} ${'1st ms'.padStart(7)}`);
  console.log(`${`sort, top ${seats}`.padEnd(28)} ${ms(slate.baselineMs)} ${''.padStart(7)} ${ms(slate.firstBaselineMs)}`);
  console.log(`${'suggestSlate'.padEnd(28)} ${ms(slate.slateMs)} ${ratio(slate.slateMs, slate.baselineMs)} ${ms(slate.firstSlateMs)}   (imbalances: ${slate.imbalances.suggested}, the top-scored slate's ${slate.imbalances.topScored}; 1st: the process's first call, unoptimised)`);
  recorded.slate = slate;
}

const resultsDir = join(import.meta.dirname, 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, ...recorded }, null, 2));
console.log(`\nFigures also in bench/results/latest.json`);
