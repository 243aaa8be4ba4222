import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runParseCli } from '../../src/nlu/cli.js';
import { ACTION_CONFIDENCE } from '../../src/nlu/relevance.js';

async function run(args: string[], input: string): Promise<{ code: number; lines: any[] }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c) => chunks.push(c));
  const code = await runParseCli(args, Readable.from([input]), out);
  return { code, lines: Buffer.concat(chunks).toString('utf8').trim().split('\n').map((l) => JSON.parse(l)) };
}

describe('lintuan parse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nlu-'));
  const file = join(dir, 'catalog.json');
  writeFileSync(file, JSON.stringify([{ name: '苹果', unit: '斤', price_fen: 500 }, { name: '草莓', unit: '盒', price_fen: 2000, aliases: ['士多啤梨'] }]));

  it('answers one JSON line per input line, bad lines included', async () => {
    const { code, lines } = await run(['--catalog', file], [
      JSON.stringify({ id: 'a', text: '苹果1公斤' }),
      'not json',
      JSON.stringify({ id: 'b', text: '+2', recent: '草莓' }),
      JSON.stringify({ id: 'c', text: '取消' }),
      JSON.stringify({ id: 'd' }),
    ].join('\n'));
    expect(code).toBe(0);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ id: 'a', intent: 'order', items: [{ product: '苹果', qty: 2, unit: '斤' }] });
    expect(lines[1].error).toBeTruthy();
    expect(lines[2]).toMatchObject({ id: 'b', intent: 'order', items: [{ product: '草莓', qty: 2, unit: '盒' }] });
    expect(lines[3]).toMatchObject({ id: 'c', intent: 'cancel', items: [] });
    expect(lines[4]).toMatchObject({ id: 'd' });
    expect(lines[4].error).toBeTruthy();
  });

  it('reports a missing catalog as a JSON error line', async () => {
    const { code, lines } = await run(['--catalog', join(dir, 'missing.json')], '');
    expect(code).toBe(2);
    expect(lines[0].error).toMatch(/商品目录/);
  });
});

describe('lintuan parse: units (issue 12 item 3)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nlu-units-'));
  const file = join(dir, 'catalog.json');
  writeFileSync(file, JSON.stringify([
    { name: '草莓', unit: '盒', price_fen: 2500 }, { name: '牛奶', unit: '瓶', price_fen: 650, packs: { 箱: 12 } }, { name: '苹果', unit: '斤', price_fen: 600 },
  ]));
  it('rejects a unit that does not convert and converts a declared pack, keeping the item shape', async () => {
    const { lines } = await run(['--catalog', file], [
      JSON.stringify({ id: 1, text: '两斤半草莓' }), JSON.stringify({ id: 2, text: '来一箱牛奶' }), JSON.stringify({ id: 3, text: '苹果1e9斤' }),
    ].join('\n'));
    // Beside the contract the CLI prints the model's confidence (an action needs ACTION_CONFIDENCE) and the addressee.
    const [{ confidence: c0, ...l0 }, { confidence: c1, ...l1 }] = lines;
    expect(l0).toEqual({ id: 1, intent: 'order', items: [], rejected: { reason: 'unit_mismatch', term: '草莓', qty: 2.5, unit: '盒', stated: '斤' }, addressed: false });
    expect(l1).toEqual({ id: 2, intent: 'order', items: [{ product: '牛奶', qty: 12, unit: '瓶' }], addressed: false });
    for (const c of [c0, c1]) expect(c).toBeGreaterThanOrEqual(ACTION_CONFIDENCE);
    expect(lines[2]).toMatchObject({ id: 3, intent: 'order', items: [], rejected: { reason: 'bad_qty', term: '苹果' } });
  });

  it('keeps at most 100 characters of an order note (a 接龙 line with a 10,000-character tail)', async () => {
    const { lines } = await run(['--catalog', file], JSON.stringify({ id: 4, text: `#接龙\n1. 3-501 张姐 苹果2斤 ${'请放门口'.repeat(2500)}` }));
    expect(lines[0]).toMatchObject({ id: 4, intent: 'order', items: [{ product: '苹果', qty: 2, unit: '斤' }] });
    expect(lines[0].note).toBe('请放门口'.repeat(25).slice(0, 99) + '…');
  });
});
