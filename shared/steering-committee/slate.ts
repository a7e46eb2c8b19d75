import * as z from 'zod';
import { regionalGroups, type RegionalGroup } from '#shared/member-states/schemas.ts';
import { genders } from '#shared/registrations/schemas.ts';

/**
 * The steering committee's balance (DOMAIN.md section 5: "expertise and diversity of constituencies
 * with due regard for geographical, gender and age balance"): the composition of a selection against
 * the seats with its imbalances named, and a slate suggested from the reviewers' scores. Pure.
 *
 * Imbalance rules, and the choices they leave open:
 * - over-seats: more selected than seats.
 * - regional-group-missing / constituency-missing: a regional group, or a constituency sought by the
 *   call, with a candidate in the pool but no selected member. Not named for an empty selection: it
 *   has not begun, and every group and constituency would be "missing". Candidates in no regional
 *   group are counted under 'none', which is never missing.
 * - gender-over-60 / age-bracket-over-60: one value holds more than 60% of the selected, judged from
 *   3 members on (below that any pair is 50% or 100%). 'prefer-not-to-say' counts in the shares but is
 *   never named: it says nothing about balance. At exactly 3 members, 2 of 3 (66.7%) is named.
 * Shares are of the selected, to 3 decimals; duplicate candidate ids count once (the first kept).
 */
export const constituencies = [
  'civil-society',
  'migrant-and-diaspora-organisations',
  'academia',
  'private-sector',
  'trade-unions',
  'national-human-rights-institutions',
  'youth',
  'faith-based-organisations',
] as const;
export const Constituency = z.enum(constituencies).meta({ id: 'Constituency' });
export type Constituency = z.infer<typeof Constituency>;

export const ageBrackets = ['18-29', '30-44', '45-59', '60-plus'] as const;
export const AgeBracket = z.enum(ageBrackets).meta({ id: 'AgeBracket' });
export type AgeBracket = z.infer<typeof AgeBracket>;
type Gender = (typeof genders)[number];

export interface SlateCandidate {
  candidateId: string;
  /** Mean of the reviewers' scores (1..5); null if unscored, which ranks below any score. */
  score: number | null;
  regionalGroup: RegionalGroup | null;
  gender: Gender;
  ageBracket: AgeBracket;
  constituency: Constituency;
}
export interface Share {
  count: number;
  share: number;
}
export interface Imbalance {
  kind: 'over-seats' | 'regional-group-missing' | 'gender-over-60' | 'age-bracket-over-60' | 'constituency-missing';
  subject: string;
  message: string;
}
/** The shapes of CommitteeComposition in schemas.ts, which describes them for the API. */
export interface Composition {
  seats: number;
  selected: number;
  byRegionalGroup: Record<string, Share>;
  byGender: Record<string, Share>;
  byAgeBracket: Record<string, Share>;
  byConstituency: Record<string, Share>;
  imbalances: Imbalance[];
}
export interface Slate {
  candidateIds: string[];
  composition: Composition;
  topScored: { candidateIds: string[]; composition: Composition };
}

/** Shares are judged from this many members on. */
const sharesJudgedFrom = 3;
/** "above 60%": count / selected > 3 / 5, in integers. */
const overShare = (count: number, selected: number) => count * 5 > selected * 3;
const judgedGenders: readonly Gender[] = genders.filter((gender) => gender !== 'prefer-not-to-say');
const noGroup = 'none';

const scoreOf = (candidate: SlateCandidate) => (candidate.score === null || !Number.isFinite(candidate.score) ? -Infinity : candidate.score);
/** Highest score first, unscored last, ties by candidateId (code units, not locale). */
export function byScore(a: SlateCandidate, b: SlateCandidate): number {
  const left = scoreOf(a);
  const right = scoreOf(b);
  if (left !== right) return right > left ? 1 : -1;
  return a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0;
}

function distinct(candidates: readonly SlateCandidate[]): SlateCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => !seen.has(candidate.candidateId) && Boolean(seen.add(candidate.candidateId)));
}

function assertSeats(seats: number) {
  if (!Number.isInteger(seats) || seats < 0) throw new RangeError(`seats must be a whole number of at least 0, not ${seats}`);
}

const percent = (count: number, total: number) => `${Number(((count / total) * 100).toFixed(1))}%`;

function tally<T extends string>(members: readonly SlateCandidate[], valueOf: (candidate: SlateCandidate) => T, order: readonly T[]): Record<string, Share> {
  const counts = new Map<T, number>();
  for (const member of members) counts.set(valueOf(member), (counts.get(valueOf(member)) ?? 0) + 1);
  return Object.fromEntries(order.flatMap((value) => {
    const count = counts.get(value);
    return count === undefined ? [] : [[value, { count, share: Math.round((count / members.length) * 1000) / 1000 }]];
  }));
}

export function composition(selected: readonly SlateCandidate[], seats: number, context: { pool: readonly SlateCandidate[]; constituenciesSought: readonly Constituency[] }): Composition {
  assertSeats(seats);
  const members = distinct(selected);
  const size = members.length;
  const byRegionalGroup = tally(members, (member) => member.regionalGroup ?? noGroup, [...regionalGroups, noGroup]);
  const byGender = tally(members, (member) => member.gender, genders);
  const byAgeBracket = tally(members, (member) => member.ageBracket, ageBrackets);
  const byConstituency = tally(members, (member) => member.constituency, constituencies);
  const inPool = { groups: new Set(context.pool.map((candidate) => candidate.regionalGroup)), constituencies: new Set(context.pool.map((candidate) => candidate.constituency)) };
  const imbalances: Imbalance[] = [];
  if (size > seats) imbalances.push({ kind: 'over-seats', subject: 'seats', message: `${size} selected for ${seats} seats` });
  if (size > 0) {
    for (const group of regionalGroups) {
      if (inPool.groups.has(group) && !byRegionalGroup[group]) imbalances.push({ kind: 'regional-group-missing', subject: group, message: `No member from the ${group} group` });
    }
  }
  if (size >= sharesJudgedFrom) {
    for (const gender of judgedGenders) {
      const count = byGender[gender]?.count ?? 0;
      if (overShare(count, size)) imbalances.push({ kind: 'gender-over-60', subject: gender, message: `${gender}: ${count} of ${size} (${percent(count, size)}), above 60%` });
    }
    for (const bracket of ageBrackets) {
      const count = byAgeBracket[bracket]?.count ?? 0;
      if (overShare(count, size)) imbalances.push({ kind: 'age-bracket-over-60', subject: bracket, message: `age ${bracket}: ${count} of ${size} (${percent(count, size)}), above 60%` });
    }
  }
  if (size > 0) {
    for (const sought of new Set(context.constituenciesSought)) {
      if (inPool.constituencies.has(sought) && !byConstituency[sought]) imbalances.push({ kind: 'constituency-missing', subject: sought, message: `No member from the constituency ${sought} (sought by the call)` });
    }
  }
  return { seats, selected: size, byRegionalGroup, byGender, byAgeBracket, byConstituency, imbalances };
}

/**
 * The pool coded as small integers, so that a swap's effect on the imbalance count is O(1).
 * Candidate i is the i-th by score; a slate is a list of such indexes, of `size` members.
 */
interface Coded {
  ranked: readonly SlateCandidate[];
  size: number;
  group: Uint8Array; // 0..4 the regional groups, 5 none
  gender: Uint8Array;
  age: Uint8Array;
  constituency: Uint8Array;
  /** The four attributes as one number: candidates of one profile change the imbalances alike. */
  profile: Uint16Array;
  score: Float64Array;
  groupInPool: boolean[];
  soughtInPool: boolean[];
}
type Counts = Record<'group' | 'gender' | 'age' | 'constituency', number[]>;
const profiles = (regionalGroups.length + 1) * genders.length * ageBrackets.length * constituencies.length;
const judgedGender = genders.map((gender) => judgedGenders.includes(gender));
const scoreEpsilon = 1e-9;

function code(ranked: readonly SlateCandidate[], size: number, sought: readonly Constituency[]): Coded {
  const count = ranked.length;
  const coded: Coded = {
    ranked, size,
    group: new Uint8Array(count), gender: new Uint8Array(count), age: new Uint8Array(count), constituency: new Uint8Array(count), profile: new Uint16Array(count), score: new Float64Array(count),
    groupInPool: [...regionalGroups, noGroup].map(() => false),
    soughtInPool: constituencies.map(() => false),
  };
  const soughtSet = new Set(sought);
  ranked.forEach((candidate, i) => {
    const group = candidate.regionalGroup === null ? regionalGroups.length : regionalGroups.indexOf(candidate.regionalGroup);
    const gender = genders.indexOf(candidate.gender);
    const age = ageBrackets.indexOf(candidate.ageBracket);
    const constituency = constituencies.indexOf(candidate.constituency);
    coded.group[i] = group;
    coded.gender[i] = gender;
    coded.age[i] = age;
    coded.constituency[i] = constituency;
    coded.profile[i] = ((group * genders.length + gender) * ageBrackets.length + age) * constituencies.length + constituency;
    coded.score[i] = Math.max(0, scoreOf(candidate));
    if (candidate.regionalGroup !== null) coded.groupInPool[group] = true;
    if (soughtSet.has(candidate.constituency)) coded.soughtInPool[constituency] = true;
  });
  return coded;
}

const bump = (counts: number[], index: number, by: number) => {
  counts[index] = (counts[index] ?? 0) + by;
};
function move(coded: Coded, counts: Counts, i: number, by: 1 | -1) {
  bump(counts.group, coded.group[i]!, by);
  bump(counts.gender, coded.gender[i]!, by);
  bump(counts.age, coded.age[i]!, by);
  bump(counts.constituency, coded.constituency[i]!, by);
}
function countsOf(coded: Coded, slate: readonly number[]): Counts {
  const counts: Counts = { group: coded.groupInPool.map(() => 0), gender: genders.map(() => 0), age: ageBrackets.map(() => 0), constituency: constituencies.map(() => 0) };
  for (const i of slate) move(coded, counts, i, 1);
  return counts;
}
const coversGroups = (coded: Coded, counts: Counts) => coded.groupInPool.every((inPool, group) => !inPool || counts.group[group]! > 0);

/** How a share imbalance count changes when one member of value `out` makes way for one of value `inn`. */
function shareEffect(coded: Coded, counts: readonly number[], out: number, inn: number, judged: readonly boolean[] | null): number {
  if (out === inn || coded.size < sharesJudgedFrom) return 0;
  const outCount = counts[out]!;
  const inCount = counts[inn]!;
  const size = coded.size;
  return over(judged, out, outCount - 1, size) - over(judged, out, outCount, size) + over(judged, inn, inCount + 1, size) - over(judged, inn, inCount, size);
}
// Module level: as a closure it would be made (and named, under esbuild's keepNames) on every call.
function over(judged: readonly boolean[] | null, value: number, count: number, size: number): number {
  return (judged?.[value] ?? true) && overShare(count, size) ? 1 : 0;
}
/** The same for a missing group or constituency (`inPool`: whether its absence is an imbalance). */
function coverEffect(counts: readonly number[], out: number, inn: number, inPool: readonly boolean[]): number {
  if (out === inn) return 0;
  return (inPool[out] && counts[out] === 1 ? 1 : 0) - (inPool[inn] && counts[inn] === 0 ? 1 : 0);
}
function swapEffect(coded: Coded, counts: Counts, out: number, inn: number): number {
  return (
    coverEffect(counts.group, coded.group[out]!, coded.group[inn]!, coded.groupInPool) +
    coverEffect(counts.constituency, coded.constituency[out]!, coded.constituency[inn]!, coded.soughtInPool) +
    shareEffect(coded, counts.gender, coded.gender[out]!, coded.gender[inn]!, judgedGender) +
    shareEffect(coded, counts.age, coded.age[out]!, coded.age[inn]!, null)
  );
}

/** Reserve, one at a time, the best-scored candidate covering a new regional group (first) or a new sought constituency. */
function reserve(coded: Coded, taken: Uint8Array): number[] {
  const slate: number[] = [];
  const groupCovered = coded.groupInPool.map(() => false);
  const soughtCovered = coded.soughtInPool.map(() => false);
  while (slate.length < coded.size) {
    let best = -1;
    let bestGain = 0;
    for (let i = 0; i < coded.ranked.length && bestGain < 3; i++) {
      const group = coded.group[i]!;
      const constituency = coded.constituency[i]!;
      const gain = taken[i] ? 0 : (coded.groupInPool[group] && !groupCovered[group] ? 2 : 0) + (coded.soughtInPool[constituency] && !soughtCovered[constituency] ? 1 : 0);
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
      }
    }
    if (best < 0) break;
    taken[best] = 1;
    groupCovered[coded.group[best]!] = true;
    soughtCovered[coded.constituency[best]!] = true;
    slate.push(best);
  }
  return slate;
}

/** Then fill by score, keeping each judged gender and age bracket at 60% of the seats or less while the pool allows. */
function fill(coded: Coded, slate: number[], taken: Uint8Array): number[] {
  const counts = countsOf(coded, slate);
  const cap = coded.size >= sharesJudgedFrom ? Math.floor((coded.size * 3) / 5) : Infinity;
  const deferred: number[] = [];
  for (let i = 0; i < coded.ranked.length && slate.length < coded.size; i++) {
    if (taken[i]) continue;
    const gender = coded.gender[i]!;
    const age = coded.age[i]!;
    if ((judgedGender[gender] && counts.gender[gender]! >= cap) || counts.age[age]! >= cap) {
      deferred.push(i);
      continue;
    }
    move(coded, counts, i, 1);
    slate.push(i);
  }
  return [...slate, ...deferred.slice(0, coded.size - slate.length)];
}

/**
 * Bounded local search: repeatedly the best single swap of a member for an outsider that lowers the
 * imbalance count, or keeps it and raises the sum of scores. Only the best-scored outsider of each
 * profile is tried: the others change the imbalances alike and score no more.
 */
function improve(coded: Coded, start: readonly number[], keepGroupsCovered: boolean): number[] {
  const slate = [...start];
  const inSlate = new Uint8Array(coded.ranked.length);
  for (const i of slate) inSlate[i] = 1;
  const counts = countsOf(coded, slate);
  const tried = new Uint8Array(profiles);
  for (let swaps = 0; swaps < 4 * coded.size + 16; swaps++) {
    tried.fill(0);
    const outsiders: number[] = [];
    for (let i = 0; i < coded.ranked.length; i++) {
      if (inSlate[i] || tried[coded.profile[i]!]) continue;
      tried[coded.profile[i]!] = 1;
      outsiders.push(i);
    }
    const missing = coded.groupInPool.some((inPool, group) => inPool && counts.group[group] === 0) || coded.soughtInPool.some((sought, constituency) => sought && counts.constituency[constituency] === 0);
    let bestSlot = -1;
    let bestIn = -1;
    let bestEffect = 0;
    let bestGain = 0;
    for (let slot = 0; slot < slate.length; slot++) {
      const out = slate[slot]!;
      // Only a swap that fills a gap, or takes out a member of an over-60% value, can lower the count.
      const canLower = missing || (coded.size >= sharesJudgedFrom && over(judgedGender, coded.gender[out]!, counts.gender[coded.gender[out]!]!, coded.size) + over(null, coded.age[out]!, counts.age[coded.age[out]!]!, coded.size) > 0);
      const uncovers = keepGroupsCovered && coded.groupInPool[coded.group[out]!] && counts.group[coded.group[out]!] === 1;
      for (const inn of outsiders) {
        if (uncovers && coded.group[inn] !== coded.group[out]) continue;
        const gain = coded.score[inn]! - coded.score[out]!;
        if (!canLower && gain <= scoreEpsilon) break; // outsiders come by score: none further helps
        const effect = swapEffect(coded, counts, out, inn);
        if (effect < bestEffect || (effect === bestEffect && gain > bestGain + scoreEpsilon)) {
          bestSlot = slot;
          bestIn = inn;
          bestEffect = effect;
          bestGain = gain;
        }
      }
    }
    if (bestSlot < 0) break;
    const out = slate[bestSlot]!;
    inSlate[out] = 0;
    inSlate[bestIn] = 1;
    slate[bestSlot] = bestIn;
    move(coded, counts, out, -1);
    move(coded, counts, bestIn, 1);
  }
  return slate;
}

/** The top-scored slate with each missing regional group's best candidate in place of the lowest-scored member whose group is held twice (or who has none). */
function coverMissingGroups(coded: Coded, top: readonly number[]): number[] {
  const slate = [...top];
  const counts = countsOf(coded, slate);
  for (let group = 0; group < regionalGroups.length; group++) {
    if (!coded.groupInPool[group] || counts.group[group]! > 0) continue;
    const slot = slate.findLastIndex((i) => !coded.groupInPool[coded.group[i]!] || counts.group[coded.group[i]!]! > 1);
    const best = coded.group.indexOf(group);
    if (slot < 0) break;
    move(coded, counts, slate[slot]!, -1);
    move(coded, counts, best, 1);
    slate[slot] = best;
  }
  return slate;
}

/**
 * How balanced a composition is, worst first: the regional groups missing, then the other
 * imbalances. Equitable geographical representation comes first (DOMAIN.md section 3.3), so a slate
 * covering every group beats one missing a group whatever else it costs; then fewer imbalances.
 */
export function balanceRank(of: Composition): [number, number] {
  const missing = of.imbalances.filter((imbalance) => imbalance.kind === 'regional-group-missing').length;
  return [missing, of.imbalances.length - missing];
}
/** Negative when `a` is more balanced than `b`, 0 when as balanced. */
export const compareBalance = (a: Composition, b: Composition): number => {
  const [x, y] = [balanceRank(a), balanceRank(b)];
  return x[0] - y[0] || x[1] - y[1];
};

/**
 * A slate of at most `seats` from the pool (all seats when the pool allows), by score under the
 * imbalance rules. Three starts (reserve-then-fill; the top-scored slate with missing groups put
 * in; the top-scored slate), each improved by local search, and the top-scored slate itself are
 * compared by balance (balanceRank), then sum of scores (unscored as 0). Guaranteed: never less
 * balanced than the top-scored slate, and every regional group with a candidate covered when the
 * seats allow (the second start always covers them then).
 */
export function suggestSlate(pool: readonly SlateCandidate[], seats: number, constituenciesSought: readonly Constituency[]): Slate {
  assertSeats(seats);
  const ranked = distinct(pool).sort(byScore);
  const coded = code(ranked, Math.min(seats, ranked.length), constituenciesSought);
  const top = ranked.slice(0, coded.size).map((_, i) => i);
  const mustCover = coded.size > 0 && coded.size >= coded.groupInPool.filter(Boolean).length;
  const taken = new Uint8Array(ranked.length);
  const starts = [
    improve(coded, fill(coded, reserve(coded, taken), taken), mustCover),
    improve(coded, coverMissingGroups(coded, top), mustCover),
    improve(coded, top, coversGroups(coded, countsOf(coded, top))),
    top,
  ];
  const context = { pool: ranked, constituenciesSought };
  const options = starts.map((slate) => {
    const members = [...slate].sort((a, b) => a - b).map((i) => ranked[i]!);
    return { candidateIds: members.map((member) => member.candidateId), composition: composition(members, seats, context), score: slate.reduce((sum, i) => sum + coded.score[i]!, 0) };
  });
  const topScored = options[options.length - 1]!;
  const chosen = options.reduce((best, option) => {
    const order = compareBalance(option.composition, best.composition);
    return order < 0 || (order === 0 && option.score > best.score + scoreEpsilon) ? option : best;
  }, topScored);
  return { candidateIds: chosen.candidateIds, composition: chosen.composition, topScored: { candidateIds: topScored.candidateIds, composition: topScored.composition } };
}
