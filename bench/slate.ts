import { regionalGroups } from '#shared/member-states/schemas.ts';
import { genders } from '#shared/registrations/schemas.ts';
import { ageBrackets, byScore, constituencies, suggestSlate, type Constituency, type SlateCandidate } from '#shared/steering-committee/slate.ts';
import { median } from './stats.ts';

export interface SlateFigures {
  candidates: number;
  seats: number;
  runs: number;
  /** Medians over the runs, in ms; baseline: sorting the pool by score and taking the top `seats`. */
  slateMs: number;
  baselineMs: number;
  /** The very first call of each in the process, before the JIT has optimised anything. */
  firstSlateMs: number;
  firstBaselineMs: number;
  imbalances: { suggested: number; topScored: number };
  samples: { slateMs: number; baselineMs: number }[];
}

/** Deterministic, so runs compare: mulberry32. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function weighted<T>(next: () => number, values: readonly T[], weights: readonly number[]): T {
  let left = next() * weights.reduce((sum, weight) => sum + weight, 0);
  for (const [index, value] of values.entries()) if ((left -= weights[index] ?? 0) < 0) return value;
  return values[values.length - 1] as T;
}

/**
 * A skewed call, as applications tend to be: many western European, female, 45-59 and civil-society
 * candidates, who also score a little higher; so the top-scored slate is unbalanced and the
 * suggestion has work to do. 8% unscored; the others the mean of 2 or 3 reviewers' 1..5.
 */
export function generatedPool(candidates: number, seed = 2017): SlateCandidate[] {
  const next = random(seed);
  return Array.from({ length: candidates }, (_, index) => {
    const regionalGroup = weighted(next, [...regionalGroups, null], [0.2, 0.2, 0.06, 0.12, 0.38, 0.04]);
    const ageBracket = weighted(next, ageBrackets, [0.07, 0.33, 0.42, 0.18]);
    const bias = (regionalGroup === 'western-european-and-others' ? 0.6 : 0) + (ageBracket === '45-59' ? 0.4 : 0);
    const reviewers = 2 + Math.floor(next() * 2);
    const scores = Array.from({ length: reviewers }, () => Math.min(5, Math.max(1, Math.round(1 + next() * 3.5 + bias))));
    return {
      candidateId: `cand_${(index + 1).toString(16).padStart(16, '0')}`,
      score: next() < 0.08 ? null : scores.reduce((sum, score) => sum + score, 0) / reviewers,
      regionalGroup,
      gender: weighted(next, genders, [0.58, 0.38, 0.02, 0.02]),
      ageBracket,
      constituency: weighted(next, constituencies, [0.45, 0.2, 0.12, 0.06, 0.05, 0.03, 0.05, 0.04]),
    };
  });
}

const sought: Constituency[] = ['civil-society', 'migrant-and-diaspora-organisations', 'academia', 'trade-unions', 'national-human-rights-institutions', 'youth'];

export function measureSlate(candidates: number, seats: number, runs: number): SlateFigures {
  const pool = generatedPool(candidates);
  const baseline = () => [...pool].sort(byScore).slice(0, seats);
  const slate = () => suggestSlate(pool, seats, sought);
  const timed = (call: () => unknown) => {
    const started = performance.now();
    call();
    return performance.now() - started;
  };
  const [firstBaselineMs, firstSlateMs] = [timed(baseline), timed(slate)];
  for (let warmUp = 0; warmUp < 10; warmUp += 1) {
    baseline();
    slate();
  }
  // Interleaved, so both see the same machine; each sample the mean of 5 calls, since one baseline call is well under a millisecond.
  const samples = Array.from({ length: runs }, () => ({
    baselineMs: Array.from({ length: 5 }, () => timed(baseline)).reduce((sum, ms) => sum + ms, 0) / 5,
    slateMs: Array.from({ length: 5 }, () => timed(slate)).reduce((sum, ms) => sum + ms, 0) / 5,
  }));
  const result = slate();
  return {
    candidates,
    seats,
    runs,
    slateMs: median(samples.map((sample) => sample.slateMs)),
    baselineMs: median(samples.map((sample) => sample.baselineMs)),
    firstSlateMs,
    firstBaselineMs,
    imbalances: { suggested: result.composition.imbalances.length, topScored: result.topScored.composition.imbalances.length },
    samples,
  };
}
