// Campaign post templates (data/campaigns/posts.json): the words are content, not code.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../../config.js';

interface Section { images?: string[]; followUps?: { afterMinutes: number; text: string }[]; [key: string]: unknown }

let posts: Record<string, Section> | undefined;
function load(): Record<string, Section> {
  posts ??= JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'campaigns', 'posts.json'), 'utf8')) as Record<string, Section>;
  return posts;
}

const fill = (t: string, vars: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

/** One template of a section, filled in. */
export function campaignText(section: string, key: string, vars: Record<string, string | number> = {}): string {
  const t = load()[section]?.[key];
  if (typeof t !== 'string') throw new Error(`missing campaign template ${section}.${key}`);
  return fill(t, vars);
}

/** Images shipped for a section (absolute paths of the files that exist). */
export function shippedImages(section: string): string[] {
  const root = path.dirname(DATA_DIR);
  return (load()[section]?.images ?? []).map((p) => path.resolve(root, p)).filter((p) => fs.existsSync(p));
}

/** The section's follow-ups, filled in. */
export function followUps(section: string, vars: Record<string, string | number> = {}): { text: string; afterMinutes: number }[] {
  return (load()[section]?.followUps ?? []).map((f) => ({ afterMinutes: f.afterMinutes, text: fill(f.text, vars) }));
}
