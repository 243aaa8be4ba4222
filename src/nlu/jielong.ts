// 接龙 (relay list): a title, an optional example line, then numbered entries. Each resident
// re-posts the whole list with their line added, so the sender's order is what is new.

const ENTRY_RE = /^\s*(\d{1,3})\s*(?:[、)）:：]|\.(?!\d))\s*(.*)$/;
const EXAMPLE_RE = /^\s*(?:例|例子|示例|格式|举例|参考|样例)\s*[:：]?/;
const HEAD_RE = /^\s*#\s*接龙/;

export interface JielongEntry { no: number; text: string }

/** Whether a (normalized) message is a 接龙 list. */
export function isJielong(text: string): boolean {
  if (HEAD_RE.test(text)) return true;
  text = inline(text);
  if (!text.includes('\n')) return false;
  let n = 0;
  for (const line of text.split('\n')) if (ENTRY_RE.test(line) && ++n >= 2) return true;
  return false;
}

export function entries(text: string): JielongEntry[] {
  text = inline(text);
  const out: JielongEntry[] = [];
  for (const line of text.split('\n')) {
    if (EXAMPLE_RE.test(line)) continue;
    const m = ENTRY_RE.exec(line);
    if (m && m[2].trim()) out.push({ no: Number(m[1]), text: m[2].trim() });
  }
  return out;
}

/**
 * A 接龙 pasted as one line ("冬至接龙 1.王阿姨 汤圆2 2.小陈 饺子1 3.9栋301 饺子2"): one entry per line again.
 * Only for a line that says 接龙 and numbers its entries 1, 2, 3 … in order after a space, so the running number
 * tells an entry ("3.9栋301") from a decimal.
 */
function inline(text: string): string {
  if (text.includes('\n') || !text.includes('接龙')) return text;
  const cuts: number[] = [];
  let next: number | undefined;
  const re = /(?:^|[\s:：.…])(\d{1,3})\s*[.、)）:：]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = Number(m[1]);
    // The first entry may be any number ("…… 8. 11栋陈 2盒"), then they run on.
    if (next !== undefined ? n !== next : n > 100) continue;
    cuts.push(m.index + m[0].length - m[0].replace(/^[\s:：.…]/, '').length);
    next = n + 1;
  }
  if (!cuts.length || (cuts.length < 2 && !HEAD_RE.test(text))) return text;
  let out = text.slice(0, cuts[0]).trimEnd();
  cuts.forEach((c, i) => { out += '\n' + text.slice(c, cuts[i + 1] ?? text.length).trim(); });
  // ENTRY_RE keeps "3.9" for a decimal; the running number said it is entry 3 (the address follows).
  return out.replace(/\n(\d{1,3})\.(?=\d)/g, '\n$1、');
}

/** The title: what comes before the first entry ("接龙 馄饨", "#接龙 大米"); the product when entries name none. */
export function title(text: string): string {
  const lines = inline(text).split('\n');
  const out: string[] = [];
  for (const l of lines) { if (ENTRY_RE.test(l)) break; if (!EXAMPLE_RE.test(l)) out.push(l); }
  return out.join(' ');
}

const key = (s: string) => s.replace(/\s+/g, '');

/** Entries the sender added: those not in the previous version; without one, the last entry. */
export function senderEntries(text: string, previous?: string): JielongEntry[] {
  const now = entries(text);
  if (!now.length) return [];
  if (!previous) return [now[now.length - 1]];
  const before = new Map<string, number>();
  for (const e of entries(previous)) before.set(key(e.text), (before.get(key(e.text)) ?? 0) + 1);
  const added: JielongEntry[] = [];
  for (const e of now) {
    const k = key(e.text);
    const left = before.get(k) ?? 0;
    if (left > 0) before.set(k, left - 1);
    else added.push(e);
  }
  return added;
}
