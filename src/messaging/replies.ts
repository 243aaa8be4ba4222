// Reply templates shipped in data/replies.json, rendered with {placeholders}.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../config.js';

const templates: Record<string, string> = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'replies.json'), 'utf8'));
/** The standard first reply per complaint scenario type (紧急预案库). */
const complaintReplies: Record<string, string> = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'complaint-replies.json'), 'utf8'));

export type ReplyKey = keyof typeof templates & string;

export function render(key: ReplyKey, vars: Record<string, string | number> = {}): string {
  const t = templates[key];
  if (t === undefined) throw new Error(`missing reply template ${key}`);
  return fillTemplate(t, vars);
}

/** The shipped template's text (an experiment arm may replace it with its own, filled by fillTemplate). */
export function templateText(key: ReplyKey): string {
  const t = templates[key];
  if (t === undefined) throw new Error(`missing reply template ${key}`);
  return t;
}

export function fillTemplate(t: string, vars: Record<string, string | number>): string {
  return t.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function complaintReply(type: string): string {
  return complaintReplies[type] ?? complaintReplies['其他']!;
}
