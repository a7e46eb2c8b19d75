import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regionalGroups } from '#shared/member-states/schemas.ts';
import { genders } from '#shared/registrations/schemas.ts';
import { ageBrackets, byScore, compareBalance, composition, constituencies, suggestSlate, type Composition, type Constituency, type SlateCandidate } from '#shared/steering-committee/slate.ts';

const candidate = (candidateId: string, overrides: Partial<SlateCandidate> = {}): SlateCandidate => ({
  candidateId,
  score: 3,
  regionalGroup: 'african',
  gender: 'female',
  ageBracket: '30-44',
  constituency: 'civil-society',
  ...overrides,
});
const kinds = (of: Composition) => of.imbalances.map((imbalance) => `${imbalance.kind}:${imbalance.subject}`);
const coversGroups = (of: Composition) => !of.imbalances.some((imbalance) => imbalance.kind === 'regional-group-missing');

describe('the composition of a selection', () => {
  it('counts and shares each attribute, and names every imbalance with its figures', () => {
    const selected = [
      ...['s1', 's2', 's3', 's4'].map((id) => candidate(id, { regionalGroup: 'african', ageBracket: '45-59' })),
      ...['s5', 's6', 's7'].map((id) => candidate(id, { regionalGroup: 'asia-pacific', ageBracket: '45-59' })),
      ...['s8', 's9', 's10'].map((id) => candidate(id, { regionalGroup: 'asia-pacific', gender: 'male', ageBracket: '18-29', constituency: 'trade-unions' })),
    ];
    const pool = [...selected, candidate('weog', { regionalGroup: 'western-european-and-others' }), candidate('scholar', { constituency: 'academia' })];

    const result = composition(selected, 12, { pool, constituenciesSought: ['academia', 'youth', 'trade-unions'] });

    expect(result).toMatchObject({
      seats: 12,
      selected: 10,
      byRegionalGroup: { african: { count: 4, share: 0.4 }, 'asia-pacific': { count: 6, share: 0.6 } },
      byGender: { female: { count: 7, share: 0.7 }, male: { count: 3, share: 0.3 } },
      byAgeBracket: { '18-29': { count: 3, share: 0.3 }, '45-59': { count: 7, share: 0.7 } },
      byConstituency: { 'civil-society': { count: 7, share: 0.7 }, 'trade-unions': { count: 3, share: 0.3 } },
    });
    // No youth candidate applied, so its absence is not an imbalance; exactly 60% (asia-pacific) is not above.
    expect(result.imbalances).toEqual([
      { kind: 'regional-group-missing', subject: 'western-european-and-others', message: 'No member from the western-european-and-others group' },
      { kind: 'gender-over-60', subject: 'female', message: 'female: 7 of 10 (70%), above 60%' },
      { kind: 'age-bracket-over-60', subject: '45-59', message: 'age 45-59: 7 of 10 (70%), above 60%' },
      { kind: 'constituency-missing', subject: 'academia', message: 'No member from the constituency academia (sought by the call)' },
    ]);
  });

  it('rounds shares to 3 decimals and judges shares from 3 members on', () => {
    const three = [candidate('a'), candidate('b', { regionalGroup: 'asia-pacific' }), candidate('c', { regionalGroup: null, gender: 'male' })];
    const result = composition(three, 3, { pool: three, constituenciesSought: [] });
    expect(result.byRegionalGroup).toEqual({ african: { count: 1, share: 0.333 }, 'asia-pacific': { count: 1, share: 0.333 }, none: { count: 1, share: 0.333 } });
    expect(result.byGender).toEqual({ female: { count: 2, share: 0.667 }, male: { count: 1, share: 0.333 } });
    expect(result.imbalances).toEqual([
      { kind: 'gender-over-60', subject: 'female', message: 'female: 2 of 3 (66.7%), above 60%' },
      { kind: 'age-bracket-over-60', subject: '30-44', message: 'age 30-44: 3 of 3 (100%), above 60%' },
    ]);
    expect(composition(three.slice(0, 2), 3, { pool: three, constituenciesSought: [] }).imbalances).toEqual([]);
  });

  it('names no share imbalance for exactly 60%, nor ever for prefer-not-to-say', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((id, index) => candidate(id, { gender: index < 3 ? 'female' : 'male', ageBracket: ageBrackets[index % 4] }));
    expect(composition(five, 5, { pool: five, constituenciesSought: [] }).imbalances).toEqual([]);
    const undisclosed = five.map((member) => ({ ...member, gender: 'prefer-not-to-say' as const }));
    expect(kinds(composition(undisclosed, 5, { pool: undisclosed, constituenciesSought: [] }))).toEqual([]);
  });

  it('names nothing missing in an empty selection, and over-seats with duplicates counted once', () => {
    const pool = [candidate('a'), candidate('b', { regionalGroup: 'eastern-european', constituency: 'youth' })];
    expect(composition([], 2, { pool, constituenciesSought: ['youth'] })).toEqual({ seats: 2, selected: 0, byRegionalGroup: {}, byGender: {}, byAgeBracket: {}, byConstituency: {}, imbalances: [] });
    const [first, second] = pool as [SlateCandidate, SlateCandidate];
    expect(composition([first, first], 1, { pool, constituenciesSought: ['youth'] })).toMatchObject({ selected: 1, imbalances: [{ kind: 'regional-group-missing', subject: 'eastern-european' }, { kind: 'constituency-missing', subject: 'youth' }] });
    expect(composition([first, second], 1, { pool, constituenciesSought: ['youth'] }).imbalances).toEqual([{ kind: 'over-seats', subject: 'seats', message: '2 selected for 1 seats' }]);
    expect(() => composition([], -1, { pool, constituenciesSought: [] })).toThrow(RangeError);
  });
});

describe('suggesting a slate', () => {
  it('ranks by score, unscored below any score, ties by candidateId, whatever the pool order', () => {
    const pool = [candidate('cand_c', { score: 4 }), candidate('cand_b', { score: null }), candidate('cand_a', { score: 4 }), candidate('cand_d', { score: 1 }), candidate('cand_e', { score: null })];
    expect([...pool].sort(byScore).map((member) => member.candidateId)).toEqual(['cand_a', 'cand_c', 'cand_d', 'cand_b', 'cand_e']);
    const slate = suggestSlate(pool, 4, []);
    expect(slate.topScored.candidateIds).toEqual(['cand_a', 'cand_c', 'cand_d', 'cand_b']);
    expect(suggestSlate([...pool].reverse(), 4, [])).toEqual(slate);
  });

  it('trades the top scores for every regional group, the sought constituencies and a gender and age balance', () => {
    // The best scores all go to western European women of 45-59 from civil society.
    const favoured = Array.from({ length: 8 }, (_, i) => candidate(`cand_w${i}`, { score: 5 - i * 0.1, regionalGroup: 'western-european-and-others', ageBracket: '45-59' }));
    const others = regionalGroups.flatMap((group, g) => [
      candidate(`cand_${g}m`, { score: 3, regionalGroup: group, gender: 'male', ageBracket: '18-29', constituency: g % 2 ? 'youth' : 'academia' }),
      candidate(`cand_${g}f`, { score: 2, regionalGroup: group, gender: 'female', ageBracket: '60-plus', constituency: 'trade-unions' }),
    ]);
    const pool = [...favoured, ...others];

    const slate = suggestSlate(pool, 8, ['academia', 'youth', 'trade-unions']);

    expect(slate.topScored.candidateIds).toEqual(favoured.map((member) => member.candidateId));
    expect(kinds(slate.topScored.composition)).toEqual([
      'regional-group-missing:african', 'regional-group-missing:asia-pacific', 'regional-group-missing:eastern-european', 'regional-group-missing:latin-american-caribbean',
      'gender-over-60:female', 'age-bracket-over-60:45-59', 'constituency-missing:academia', 'constituency-missing:youth', 'constituency-missing:trade-unions',
    ]);
    expect(slate.composition.imbalances).toEqual([]);
    expect(slate.candidateIds).toHaveLength(8);
    expect(slate.candidateIds).toContain('cand_w0'); // still the best where balance allows
  });

  it('covers every regional group rather than score higher at the same imbalance count', () => {
    const pool = [
      candidate('cand_a1', { score: 5, constituency: 'academia' }),
      candidate('cand_a2', { score: 5, constituency: 'youth' }),
      candidate('cand_p1', { score: 1, regionalGroup: 'asia-pacific' }),
    ];
    const slate = suggestSlate(pool, 2, ['academia', 'youth']);
    expect(kinds(slate.topScored.composition)).toEqual(['regional-group-missing:asia-pacific']);
    expect(slate.candidateIds).toEqual(['cand_a1', 'cand_p1']);
    expect(kinds(slate.composition)).toEqual(['constituency-missing:youth']);
  });

  it('covers every regional group even where that costs a gender and an age imbalance: geography comes first', () => {
    // 5 seats, 5 groups: covering them all forces the only eastern European (a woman of 18-29)
    // beside three other women of 18-29: two imbalances, where the top-scored slate has one.
    const pool = [
      candidate('cand_a1', { score: 5, regionalGroup: 'african', gender: 'male', ageBracket: '30-44' }),
      candidate('cand_a2', { score: 5, regionalGroup: 'african', gender: 'male', ageBracket: '30-44' }),
      candidate('cand_b1', { score: 4, regionalGroup: 'asia-pacific', ageBracket: '18-29' }),
      candidate('cand_c1', { score: 4, regionalGroup: 'latin-american-caribbean', ageBracket: '18-29' }),
      candidate('cand_d1', { score: 4, regionalGroup: 'western-european-and-others', ageBracket: '18-29' }),
      candidate('cand_e1', { score: 1, regionalGroup: 'eastern-european', ageBracket: '18-29' }),
    ];
    const covering = composition(pool.filter((member) => member.candidateId !== 'cand_a2'), 5, { pool, constituenciesSought: [] });
    expect(kinds(covering)).toEqual(['gender-over-60:female', 'age-bracket-over-60:18-29']);

    const slate = suggestSlate(pool, 5, []);

    expect(kinds(slate.topScored.composition)).toEqual(['regional-group-missing:eastern-european']);
    expect(slate.candidateIds).toContain('cand_e1');
    expect(kinds(slate.composition).filter((kind) => kind.startsWith('regional-group-missing'))).toEqual([]);
    expect(compareBalance(slate.composition, slate.topScored.composition)).toBeLessThan(0);
  });

  it('suggests nothing for no seats or an empty pool, and refuses a negative number of seats', () => {
    expect(suggestSlate([candidate('cand_a')], 0, []).candidateIds).toEqual([]);
    expect(suggestSlate([], 5, ['youth'])).toMatchObject({ candidateIds: [], composition: { selected: 0, imbalances: [] }, topScored: { candidateIds: [] } });
    expect(() => suggestSlate([], 1.5, [])).toThrow(RangeError);
  });
});

/** Pools skewed at random: each draws its groups, genders, ages and constituencies from a random subset. */
const pools = fc
  .record({
    groups: fc.subarray([...regionalGroups, null], { minLength: 1 }),
    genders: fc.subarray([...genders], { minLength: 1 }),
    ages: fc.subarray([...ageBrackets], { minLength: 1 }),
    constituencies: fc.subarray([...constituencies], { minLength: 1 }),
  })
  .chain((palette) =>
    fc.array(
      fc.record({
        score: fc.option(fc.integer({ min: 4, max: 20 }).map((quarters) => quarters / 4), { nil: null, freq: 6 }),
        regionalGroup: fc.constantFrom(...palette.groups),
        gender: fc.constantFrom(...palette.genders),
        ageBracket: fc.constantFrom(...palette.ages),
        constituency: fc.constantFrom(...palette.constituencies),
      }),
      { maxLength: 300 },
    ),
  )
  .map((rows): SlateCandidate[] => rows.map((row, index) => ({ candidateId: `cand_${(index * 7919).toString(16).padStart(16, '0')}`, ...row })));
const seatCounts = fc.integer({ min: 1, max: 30 });
const sought = fc.subarray([...constituencies]) as fc.Arbitrary<Constituency[]>;

describe('suggested slates (fast-check)', () => {
  it('fill min(seats, pool) seats with distinct candidates of the pool, as the composition says, and never less balanced than the top scores', () => {
    fc.assert(
      fc.property(pools, seatCounts, sought, (pool, seats, constituenciesSought) => {
        const slate = suggestSlate(pool, seats, constituenciesSought);
        const byId = new Map(pool.map((member) => [member.candidateId, member]));

        expect(slate.candidateIds).toHaveLength(Math.min(seats, pool.length));
        expect(new Set(slate.candidateIds).size).toBe(slate.candidateIds.length);
        expect(slate.candidateIds.every((id) => byId.has(id))).toBe(true);
        expect(slate.composition).toEqual(composition(slate.candidateIds.map((id) => byId.get(id)!), seats, { pool, constituenciesSought }));
        expect(compareBalance(slate.composition, slate.topScored.composition)).toBeLessThanOrEqual(0);
        expect(slate.topScored.candidateIds).toEqual([...pool].sort(byScore).slice(0, seats).map((member) => member.candidateId));
        expect(kinds(slate.composition)).not.toContain('over-seats:seats');
      }),
      { numRuns: 300 },
    );
  });

  it('cover every regional group with a candidate when the seats allow', () => {
    fc.assert(
      fc.property(pools, seatCounts, sought, (pool, seats, constituenciesSought) => {
        const groups = new Set(pool.flatMap((member) => member.regionalGroup ?? []));
        fc.pre(pool.length > 0 && seats >= groups.size);
        const slate = suggestSlate(pool, seats, constituenciesSought);
        expect(coversGroups(slate.composition)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('do not depend on the order of the pool', () => {
    fc.assert(
      fc.property(pools, seatCounts, sought, (pool, seats, constituenciesSought) => {
        expect(suggestSlate([...pool].reverse(), seats, constituenciesSought)).toEqual(suggestSlate(pool, seats, constituenciesSought));
      }),
      { numRuns: 100 },
    );
  });
});
