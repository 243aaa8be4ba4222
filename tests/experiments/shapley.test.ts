// Exact Shapley attribution: against a brute force over permutations, the Shapley axioms, and the real CLI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JourneyAggregator, shapley } from '../../src/experiments/attribution/shapley.js';
import { parseJourneys } from '../../src/experiments/attribution/journeys.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/lintuan.js');
interface Journey { touchpoints: string[]; converted: boolean }

/** v(S) straight from the definition, journey by journey. */
function value(journeys: Journey[], s: Set<string>): number {
  const fit = journeys.filter((j) => j.touchpoints.every((t) => s.has(t)));
  return fit.length === 0 ? 0 : fit.filter((j) => j.converted).length / fit.length;
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** Shapley as the average marginal contribution over all n! arrival orders. */
function bruteForce(journeys: Journey[], players: string[]): Map<string, number> {
  const phi = new Map(players.map((p) => [p, 0]));
  const perms = permutations(players);
  for (const order of perms) {
    const s = new Set<string>();
    for (const p of order) {
      const before = value(journeys, s);
      s.add(p);
      phi.set(p, phi.get(p)! + value(journeys, s) - before);
    }
  }
  for (const p of players) phi.set(p, phi.get(p)! / perms.length);
  return phi;
}

function attribute(journeys: Journey[]) {
  const agg = new JourneyAggregator();
  for (const j of journeys) agg.add(j.touchpoints, j.converted);
  const a = shapley(agg.counts());
  return { ...a, by: new Map(a.credits.map((c) => [c.touchpoint, c.credit])) };
}

const NAMES = ['直播日', '截单提醒', '爆款测试', '剧本杀', '邀请', '优惠券提醒'];
const journeyArb = (names: string[]) => fc.record({
  touchpoints: fc.array(fc.constantFrom(...names), { maxLength: names.length + 1 }), // repeats allowed: they count once
  converted: fc.boolean(),
});
const journeysArb = fc.integer({ min: 1, max: NAMES.length })
  .chain((n) => fc.array(journeyArb(NAMES.slice(0, n)), { minLength: 1, maxLength: 40 }));

const playersOf = (journeys: Journey[]) => [...new Set(journeys.flatMap((j) => j.touchpoints))];

describe('exact Shapley attribution', () => {
  it('equals the brute force over all permutations (≤ 6 touchpoints)', () => {
    fc.assert(fc.property(journeysArb, (journeys) => {
      const players = playersOf(journeys);
      const exact = attribute(journeys);
      const brute = bruteForce(journeys, players);
      expect([...exact.by.keys()].sort()).toEqual([...players].sort());
      for (const p of players) expect(exact.by.get(p)).toBeCloseTo(brute.get(p)!, 12);
    }), { numRuns: 150 });
  });

  it('is efficient: the credits add up to v(all) − v(∅)', () => {
    fc.assert(fc.property(journeysArb, (journeys) => {
      const a = attribute(journeys);
      const all = new Set(playersOf(journeys));
      expect(a.vAll).toBeCloseTo(value(journeys, all), 12);
      expect(a.vEmpty).toBeCloseTo(value(journeys, new Set()), 12);
      const sum = a.credits.reduce((s, c) => s + c.credit, 0);
      expect(sum).toBeCloseTo(a.vAll - a.vEmpty, 12);
    }), { numRuns: 200 });
  });

  it('is symmetric: two touchpoints that always come together get equal credit', () => {
    // 'A' and 'B' are twins: every journey has both or neither.
    fc.assert(fc.property(fc.array(fc.record({ twins: fc.boolean(), others: journeyArb(['C', 'D', 'E']) }), { minLength: 1, maxLength: 30 }),
      (rows) => {
        const journeys = rows.map((r) => ({ ...r.others, touchpoints: [...r.others.touchpoints, ...(r.twins ? ['A', 'B'] : [])] }));
        fc.pre(rows.some((r) => r.twins));
        const a = attribute(journeys);
        expect(a.by.get('A')).toBeCloseTo(a.by.get('B')!, 12);
      }), { numRuns: 200 });
  });

  it('gives a dummy touchpoint (never changes v) zero credit', () => {
    // Every journey is copied with 'Z' added and the same outcome. For any S without Z, the journeys fitting S ∪ {Z} are
    // those fitting S plus their Z copies: the same rate, so v(S ∪ {Z}) = v(S) everywhere and Z is a dummy.
    fc.assert(fc.property(journeysArb, (journeys) => {
      const players = playersOf(journeys);
      const withZ = journeys.flatMap((j) => [j, { ...j, touchpoints: [...j.touchpoints, 'Z'] }]);
      const a = attribute(withZ);
      expect(a.by.get('Z')).toBeCloseTo(0, 12);
      // …and Z's presence leaves the others' credits as they were.
      const base = attribute(journeys);
      for (const p of players) expect(a.by.get(p)).toBeCloseTo(base.by.get(p)!, 12);
    }), { numRuns: 150 });
  });
});

describe('exact Shapley attribution, more touchpoints', () => {
  /** The subset form of Shapley, with v evaluated journey by journey for each coalition (no subset sums). */
  function subsetFormula(journeys: Journey[], players: string[]): Map<string, number> {
    const n = players.length;
    const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
    const phi = new Map(players.map((p) => [p, 0]));
    for (let mask = 0; mask < 1 << n; mask++) {
      const s = new Set(players.filter((_, i) => mask & (1 << i)));
      const vs = value(journeys, s);
      const w = (fact(s.size) * fact(n - s.size - 1)) / fact(n);
      for (const p of players) if (!s.has(p)) phi.set(p, phi.get(p)! + w * (value(journeys, new Set([...s, p])) - vs));
    }
    return phi;
  }

  it('matches the subset formula computed straight from the journeys for 8 touchpoints', () => {
    const names = ['直播日', '截单提醒', '爆款测试', '剧本杀', '邀请', '优惠券提醒', '早报', '节气活动'];
    fc.assert(fc.property(fc.array(journeyArb(names), { minLength: 20, maxLength: 120 }), (journeys) => {
      const players = playersOf(journeys);
      const exact = attribute(journeys);
      const ref = subsetFormula(journeys, players);
      for (const p of players) expect(exact.by.get(p)).toBeCloseTo(ref.get(p)!, 12);
    }), { numRuns: 8 });
  });

  it('handles up to the full 16 touchpoints, still efficient', () => {
    const names = Array.from({ length: 16 }, (_, i) => `触点${String(i + 1).padStart(2, '0')}`);
    fc.assert(fc.property(fc.array(journeyArb(names), { minLength: 50, maxLength: 300 }), (journeys) => {
      const a = attribute(journeys);
      expect(a.credits.length).toBeLessThanOrEqual(16);
      expect(a.credits.reduce((s, c) => s + c.credit, 0)).toBeCloseTo(a.vAll - a.vEmpty, 10);
    }), { numRuns: 5 });
  });
});

describe('journeys file', () => {
  it('counts a touchpoint repeated in one line once', () => {
    const once = parseJourneys('{"touchpoints":["直播日"],"converted":1}\n{"touchpoints":[],"converted":0}\n');
    const twice = parseJourneys('{"touchpoints":["直播日","直播日"],"converted":1}\n\n{"touchpoints":[],"converted":0}');
    expect(twice.names).toEqual(once.names);
    expect([...twice.journeys]).toEqual([...once.journeys]);
    expect([...twice.conversions]).toEqual([...once.conversions]);
    expect(twice.lines).toBe(2);
  });

  it('refuses a 17th touchpoint with the line named', () => {
    const names = Array.from({ length: 17 }, (_, i) => `触点${i + 1}`);
    const text = names.map((t) => JSON.stringify({ touchpoints: [t], converted: 0 })).join('\n');
    expect(() => parseJourneys(text)).toThrow('第 17 行出现第 17 个触点');
    expect(() => parseJourneys(names.slice(0, 16).map((t) => JSON.stringify({ touchpoints: [t], converted: 1 })).join('\n'))).not.toThrow();
  });
});

describe('lintuan attribution', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-attr-'));
  const write = (name: string, lines: string[]) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, lines.join('\n') + '\n');
    return f;
  };
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'attribution', ...args], { encoding: 'utf8', timeout: 30_000 });

  it('prints one JSON object with each touchpoint’s credit, in a stable key order', () => {
    const lines = [
      { touchpoints: ['直播日', '截单提醒'], converted: 1 }, { touchpoints: [], converted: 0 }, { touchpoints: ['直播日'], converted: 0 },
      { touchpoints: ['截单提醒', '截单提醒'], converted: 1 }, { touchpoints: ['2'], converted: 1 },
    ].map((l) => JSON.stringify(l));
    const res = run('--journeys', write('ok.jsonl', lines));
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const out = res.stdout.trim();
    expect(out.split('\n')).toHaveLength(1);
    const credits = JSON.parse(out) as Record<string, number>;
    // The key order is string order, even for a name that looks like an array index.
    const at = ['"2":', '"截单提醒":', '"直播日":'].map((k) => out.indexOf(k));
    expect(at[0]).toBe(1);
    expect(at[1]).toBeGreaterThan(at[0]!);
    expect(at[2]).toBeGreaterThan(at[1]!);
    const expected = bruteForce(lines.map((l) => JSON.parse(l) as { touchpoints: string[]; converted: number })
      .map((j) => ({ touchpoints: j.touchpoints, converted: j.converted === 1 })), ['2', '截单提醒', '直播日']);
    for (const [k, v] of expected) expect(credits[k]).toBeCloseTo(v, 12);
    // Reversing the file changes nothing.
    expect(run('--journeys', write('rev.jsonl', [...lines].reverse())).stdout).toBe(res.stdout);
  });

  it.each([
    ['bad.jsonl', ['{"touchpoints":[],"converted":0}', '{oops'], /第 2 行不是合法的 JSON/],
    ['conv.jsonl', ['{"touchpoints":["直播日"],"converted":2}'], /第 1 行的 converted 必须是 0 或 1/],
    ['tp.jsonl', ['', '{"touchpoints":"直播日","converted":1}'], /第 2 行缺少 touchpoints 数组/],
    ['empty.jsonl', [''], /没有旅程/],
  ])('%s: a Chinese error naming the line, exit 2', (name, lines, message) => {
    const res = run('--journeys', write(name, lines));
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('says how to call it when the flag or the file is missing', () => {
    const bare = run();
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('缺少 --journeys');
    const missing = run('--journeys', path.join(dir, 'nope.jsonl'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('找不到旅程文件');
  });
});
