// node validate-corpus.mjs DIR : checks every DIR/*.jsonl against DIR/catalogs/*.json
import fs from 'node:fs'; import path from 'node:path';
const dir = process.argv[2];
const INTENTS = ['order','cancel','modify','inquiry','complaint','suggestion','points_query','order_query','redeem','trace','invite_query','chitchat'];
const TYPES = ['食品安全','变质不新鲜','破损','缺斤少两','配送延迟','未送达','错发漏发','价格','服务态度','退款','与描述不符','其他'];
const cats = {}; const catDir = path.join(dir, 'catalogs');
for (const f of fs.existsSync(catDir) ? fs.readdirSync(catDir) : []) {
  try { const c = JSON.parse(fs.readFileSync(path.join(catDir, f), 'utf8')); cats[f.replace(/\.json$/, '')] = new Map(c.map((p) => [p.name, p])); }
  catch (e) { console.log(`${f}: bad catalog JSON ${e.message}`); }
}
let problems = 0, n = 0; const byIntent = {}; let chit = 0; const ids = new Set(); const texts = new Map();
const bad = (where, m) => { problems++; console.log(`${where}: ${m}`); };
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
  fs.readFileSync(path.join(dir, f), 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return; const where = `${f}:${i + 1}`; let o;
    try { o = JSON.parse(line); } catch (e) { return bad(where, 'not JSON'); }
    n++;
    if (!o.id || ids.has(o.id)) bad(where, `missing or duplicate id ${o.id}`); ids.add(o.id);
    if (typeof o.text !== 'string' || !o.text.trim()) bad(where, 'no text');
    if (texts.has(o.text + '|' + (o.recent ?? ''))) bad(where, `duplicate text of ${texts.get(o.text + '|' + (o.recent ?? ''))}`); texts.set(o.text + '|' + (o.recent ?? ''), where);
    if (!INTENTS.includes(o.intent)) bad(where, `bad intent ${o.intent}`);
    byIntent[o.intent] = (byIntent[o.intent] ?? 0) + 1; if (o.intent === 'chitchat') chit++;
    const cat = cats[o.catalog]; if (!cat) bad(where, `unknown catalog ${o.catalog}`);
    if (!Array.isArray(o.items)) return bad(where, 'items not array');
    if (!['order','cancel','modify'].includes(o.intent) && o.items.length) bad(where, 'items only for order/cancel/modify');
    if (o.intent === 'order' && !o.items.length && !o.rejected) bad(where, 'order with no items needs rejected');
    if (o.rejected && !['unit_mismatch','absurd_qty','unknown_product'].includes(o.rejected)) bad(where, 'bad rejected');
    if (o.intent === 'complaint' && !TYPES.includes(o.complaintType)) bad(where, `complaint needs complaintType, got ${o.complaintType}`);
    if (o.recent && cat && !cat.has(o.recent)) bad(where, `recent ${o.recent} not in catalog`);
    for (const it of o.items) {
      const p = cat?.get(it.product);
      if (!p) { bad(where, `product ${it.product} not in catalog ${o.catalog}`); continue; }
      if (it.unit !== p.unit) bad(where, `unit ${it.unit} ≠ catalog unit ${p.unit} of ${p.name}`);
      if (!(typeof it.qty === 'number' && it.qty > 0 && Number.isFinite(it.qty))) bad(where, `bad qty ${it.qty}`);
      if (!['斤','公斤','千克','kg','克','g','两'].includes(p.unit) && !Number.isInteger(it.qty)) bad(where, `fraction ${it.qty} for unit ${p.unit}`);
    }
    if (!o.kind) bad(where, 'no kind');
  });
}
console.log(`${n} lines, ${problems} problems, chitchat ${(100 * chit / Math.max(n, 1)).toFixed(1)}%`, JSON.stringify(byIntent));
