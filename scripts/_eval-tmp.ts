import { createParser } from '/work/wt/N/src/nlu/index.js';
import { loadGroupSplit, scoreGroup } from '/work/wt/N/tests/nlu/group-corpus.js';
const which = (process.argv[2] ?? 'dev') as 'dev' | 'train';
const s = loadGroupSplit(which);
const ps: Record<string, any> = {};
const sc = scoreGroup(s, (k) => (ps[k] ??= createParser(s.catalogs[k])));
console.log(which, sc.lines, 'intent', sc.intentAcc.toFixed(4), 'orders', sc.ordersExact.toFixed(4), sc.orderLines, 'nonact', sc.actionsOnNonAction.toFixed(4), sc.nonActionLines);
console.log(JSON.stringify(sc.perIntent));
if (process.argv.includes('-v')) for (const m of sc.misses) console.log(m.c.id, m.c.intent, JSON.stringify(m.c.text), JSON.stringify(m.c.items.map(i=>i.product+'*'+i.qty)), '→', m.r.intent, JSON.stringify(m.r.items.map(i=>i.product+'*'+i.qty)), m.r.rejected?.reason ?? '');
