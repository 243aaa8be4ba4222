// 接龙 (relay list): a title, an optional example line, then numbered entries. Each resident
// re-posts the whole list with their line added, so the sender's order is what is new.

const ENTRY_RE = /^\s*(\d{1,3})\s*(?:[、)）:：]|\.(?!\d))\s*(.*)$/;
const EXAMPLE_RE = /^\s*(?:例|例子|示例|格式|举例|参考|样例)\s*[:：]?/;
const HEAD_RE = /^\s*#\s*接龙/;

export interface JielongEntry { no: number; text: string }

/** Whether a (normalized) message is a 接龙 list. */
export function isJielong(text: string): boolean {
  if (HEAD_RE.test(text)) return true;
  if (!text.includes('\n')) return false;
  let n = 0;
  for (const line of text.split('\n')) if (ENTRY_RE.test(line) && ++n >= 2) return true;
  return false;
}

export function entries(text: string): JielongEntry[] {
  const out: JielongEntry[] = [];
  for (const line of text.split('\n')) {
    if (EXAMPLE_RE.test(line)) continue;
    const m = ENTRY_RE.exec(line);
    if (m && m[2].trim()) out.push({ no: Number(m[1]), text: m[2].trim() });
  }
  return out;
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
