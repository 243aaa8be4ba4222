// The group corpus' development split (data/nlu/group/A/09.jsonl, B/09.jsonl: never trained on) read through the real
// `lintuan parse` CLI, one process per catalog: intent accuracy, orders read exactly, and actions on lines that need none.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../src/nlu/types.js';
import { loadGroupSplit, scoreGroup } from './group-corpus.js';

const BIN = fileURLToPath(new URL('../../bin/lintuan.js', import.meta.url));

describe('group corpus, development split, through lintuan parse', () => {
  const dev = loadGroupSplit('dev');
  const dir = mkdtempSync(join(tmpdir(), 'group-dev-'));
  // One CLI run per catalog; answers keyed by id.
  const answers = new Map<string, ParseResult>();
  for (const [key, catalog] of Object.entries(dev.catalogs)) {
    const cases = dev.cases.filter((c) => c.catalog === key);
    if (!cases.length) continue;
    const file = join(dir, key.replace('/', '-') + '.json');
    writeFileSync(file, JSON.stringify(catalog));
    const input = cases.map((c) => JSON.stringify({ id: c.id, text: c.text, ...c.ctx })).join('\n') + '\n';
    const out = spawnSync(process.execPath, [BIN, 'parse', '--catalog', file], { input, encoding: 'utf8', timeout: 60_000 });
    for (const line of out.stdout.trim().split('\n')) {
      const r = JSON.parse(line) as ParseResult & { id: string };
      answers.set(r.id, r);
    }
  }
  const score = scoreGroup(dev, (c) => answers.get(c.id)!);

  it('answers every line with the CLI contract', () => {
    expect(answers.size).toBe(dev.cases.length);
    for (const r of answers.values()) {
      expect(typeof r.intent).toBe('string');
      for (const it of r.items) expect(Object.keys(it).sort()).toEqual(['product', 'qty', 'unit']);
    }
  });
  it('reads intents ≥ 95 %', () => expect(score.intentAcc).toBeGreaterThanOrEqual(0.95));
  it('acts on ≤ 2 % of the lines that need no action', () => expect(score.actionsOnNonAction).toBeLessThanOrEqual(0.02));
  it('reads orders, cancels and modifications exactly ≥ 95 %', () => expect(score.ordersExact).toBeGreaterThanOrEqual(0.95));
  it('keeps neighbourhood life out of tickets and orders', () => {
    const r = answers.get('b09-008')!; // 物业修个水管拖了一个礼拜，打电话也不接
    expect(r.intent).toBe('chitchat');
    expect(r.items).toEqual([]);
  });
});
