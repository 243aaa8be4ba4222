// `lintuan parse --catalog FILE`: JSON lines in, one JSON line out per input line.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createParser } from './parse.js';
import { parseFlags } from '../core/cli-args.js';
import type { CatalogProduct } from './types.js';

const USAGE = '用法: lintuan parse --catalog 商品目录.json < 消息.jsonl';

function loadCatalog(file: string): CatalogProduct[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new Error('商品目录必须是 JSON 数组');
  return data.map((p, i) => {
    if (!p || typeof p.name !== 'string' || !p.name.trim() || typeof p.unit !== 'string') {
      throw new Error(`商品目录第 ${i + 1} 项缺少 name 或 unit`);
    }
    const aliases = Array.isArray(p.aliases) ? p.aliases.filter((a: unknown) => typeof a === 'string' && a) : undefined;
    const packs = packsOf(p.packs);
    return {
      name: p.name, unit: p.unit, price_fen: Number(p.price_fen) || 0, ...(aliases ? { aliases } : {}),
      ...(typeof p.category === 'string' ? { category: p.category } : {}), ...(packs ? { packs } : {}),
    };
  });
}

/** Optional `"packs": {"箱": 12}`: pack word → how many of the product's unit (a positive number). */
function packsOf(v: unknown): Record<string, number> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out = Object.fromEntries(Object.entries(v as Record<string, unknown>)
    .filter(([k, n]) => k.trim() && typeof n === 'number' && Number.isFinite(n) && n > 0)) as Record<string, number>;
  return Object.keys(out).length ? out : undefined;
}

/** Returns the process exit code: 0 when input was read to the end (bad lines still get an error line), 2 on a bad catalog/usage. */
export async function runParseCli(args: string[], stdin: NodeJS.ReadableStream, stdout: NodeJS.WritableStream): Promise<number> {
  const parsed = parseFlags({ args, options: { catalog: { type: 'string' } }, allowPositionals: false });
  if (!parsed.ok) {
    stdout.write(JSON.stringify({ error: `${parsed.error}。${USAGE}` }) + '\n');
    return 2;
  }
  const file = parsed.value.values.catalog;
  if (!file) {
    stdout.write(JSON.stringify({ error: `缺少 --catalog 参数。${USAGE}` }) + '\n');
    return 2;
  }
  let parser;
  try {
    parser = createParser(loadCatalog(file), undefined, undefined, { warm: false });
  } catch (e) {
    stdout.write(JSON.stringify({ error: `无法读取商品目录 ${file}: ${(e as Error).message}` }) + '\n');
    return 2;
  }
  const rl = createInterface({ input: stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let out: Record<string, unknown>;
    try {
      const msg = JSON.parse(line) as { id?: unknown; text?: unknown; previous?: unknown; recent?: unknown };
      if (!msg || typeof msg !== 'object' || typeof msg.text !== 'string') {
        out = { ...(msg && typeof msg === 'object' && 'id' in msg ? { id: msg.id } : {}), error: `第 ${lineNo} 行缺少 text 字段` };
      } else {
        const ctx = {
          ...(typeof msg.previous === 'string' ? { previous: msg.previous } : {}),
          ...(typeof msg.recent === 'string' ? { recent: msg.recent } : {}),
        };
        const r = parser.parse(msg.text, ctx);
        // The contract: items are {product, qty, unit}; the pack written is for the bot's confirmation only.
        out = { id: msg.id ?? null, ...r, items: r.items.map(({ product, qty, unit }) => ({ product, qty, unit })) };
      }
    } catch (e) {
      out = { error: `第 ${lineNo} 行不是合法的 JSON: ${(e as Error).message}` };
    }
    if (!stdout.write(JSON.stringify(out) + '\n')) await new Promise((r) => stdout.once('drain', r));
  }
  return 0;
}
