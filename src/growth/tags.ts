// 智能分组: a tag library per member from where they live (楼栋), how often they buy (近30天采购频次) and
// what they buy (品类偏好), plus a combined label in the playbook's style: "宝妈群体-母婴+生鲜-每周3次采购".
// Rules in data/tag-rules.json. Tags are derived data: rebuilding replaces a member's rows in member_tags.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { memberTags, members, type Member } from '../store/schema.js';
import { shanghaiDay } from '../time.js';
import { DATA_DIR } from '../config.js';

const DAY_MS = 86_400_000;

export interface TagRules {
  frequencyDays: number;
  preferenceDays: number;
  categoryGroups: Record<string, string[]>;
  topCategories: number;
  minShare: number;
  personas: { category: string; label: string }[];
  silentDays: number;
}

export function loadTagRules(file = path.join(DATA_DIR, 'tag-rules.json')): TagRules {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<TagRules>;
  return {
    frequencyDays: raw.frequencyDays ?? 30,
    preferenceDays: raw.preferenceDays ?? 90,
    categoryGroups: raw.categoryGroups ?? {},
    topCategories: raw.topCategories ?? 2,
    minShare: raw.minShare ?? 0.2,
    personas: raw.personas ?? [],
    silentDays: raw.silentDays ?? 30,
  };
}

export const TAG_RULES = loadTagRules();
export const SILENT_TAG = '沉默用户';

/** What the tags of one member were derived from (shown by /标签 as the reasons). */
export interface MemberProfile {
  member: Member;
  location: string | null;
  /** Distinct Shanghai days with an order in the frequency window. */
  orderDays: number;
  frequency: string | null;
  /** Preferred (grouped) categories, persona categories first, then by purchases. */
  categories: string[];
  persona: string | null;
  silent: boolean;
  tags: string[];
}

interface ItemRow { memberId: number; orderId: number; createdAt: number; category: string; amountFen: number }

function groupOf(rules: TagRules): (category: string) => string {
  const map = new Map<string, string>();
  for (const [group, list] of Object.entries(rules.categoryGroups)) for (const c of list) map.set(c, group);
  return (c) => map.get(c) ?? c;
}

/** "每周3次采购" / "每月采购" from the number of days with an order in the window. */
export function frequencyLabel(orderDays: number, windowDays: number): string | null {
  if (orderDays <= 0) return null;
  const perWeek = Math.round((orderDays * 7) / windowDays);
  return perWeek >= 1 ? `每周${perWeek}次采购` : '每月采购';
}

function profileOf(member: Member, items: ItemRow[], lastOrderAt: number | null, now: number, rules: TagRules): MemberProfile {
  const group = groupOf(rules);
  const freqFrom = now - rules.frequencyDays * DAY_MS;
  const orderDays = new Set(items.filter((i) => i.createdAt >= freqFrom).map((i) => shanghaiDay(i.createdAt))).size;
  const frequency = frequencyLabel(orderDays, rules.frequencyDays);

  // Preference: in how many orders each (grouped) category appears; amount breaks ties.
  const byCat = new Map<string, { orders: Set<number>; fen: number }>();
  const prefFrom = now - rules.preferenceDays * DAY_MS;
  for (const i of items) {
    if (i.createdAt < prefFrom) continue;
    const c = group(i.category);
    const e = byCat.get(c) ?? { orders: new Set<number>(), fen: 0 };
    e.orders.add(i.orderId);
    e.fen += i.amountFen;
    byCat.set(c, e);
  }
  const total = [...byCat.values()].reduce((s, e) => s + e.orders.size, 0);
  const personaOf = new Map(rules.personas.map((p) => [p.category, p.label]));
  const ranked = [...byCat.entries()]
    .filter(([c, e]) => c !== '其他' && total > 0 && e.orders.size / total >= rules.minShare)
    .sort((a, b) => b[1].orders.size - a[1].orders.size || b[1].fen - a[1].fen)
    .slice(0, rules.topCategories)
    .map(([c]) => c);
  const personaCat = ranked.find((c) => personaOf.has(c)) ?? null;
  const categories = personaCat ? [personaCat, ...ranked.filter((c) => c !== personaCat)] : ranked;
  const persona = personaCat ? personaOf.get(personaCat)! : null;

  const silentFrom = now - rules.silentDays * DAY_MS;
  const silent = (member.lastSeenAt ?? member.joinedAt) < silentFrom && (lastOrderAt ?? 0) < silentFrom;
  const location = member.building ? `${member.building}号楼` : null;

  const tags: string[] = [];
  if (location) tags.push(location);
  if (frequency) tags.push(frequency);
  for (const c of categories) tags.push(c);
  if (categories.length > 1) tags.push(categories.join('+'));
  if (persona) tags.push(persona);
  if (categories.length > 0) tags.push([persona, categories.join('+'), frequency].filter(Boolean).join('-'));
  if (silent) tags.push(SILENT_TAG);
  return { member, location, orderDays, frequency, categories, persona, silent, tags: [...new Set(tags)] };
}

function itemsSince(store: Store, communityId: number, since: number, memberId?: number): ItemRow[] {
  return store.sqlite.prepare(`
    SELECT o.member_id AS memberId, o.id AS orderId, o.created_at AS createdAt, p.category AS category, i.amount_fen AS amountFen
    FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
    WHERE o.community_id = ? AND o.created_at >= ? AND o.status NOT IN ('cancelled', 'refunded') AND i.cancelled_at IS NULL
      ${memberId !== undefined ? 'AND o.member_id = ?' : ''}`)
    .all(...(memberId !== undefined ? [communityId, since, memberId] : [communityId, since])) as ItemRow[];
}

function lastOrders(store: Store, communityId: number, memberId?: number): Map<number, number> {
  const rows = store.sqlite.prepare(`
    SELECT member_id AS memberId, MAX(created_at) AS at FROM orders WHERE community_id = ? ${memberId !== undefined ? 'AND member_id = ?' : ''}
    GROUP BY member_id`).all(...(memberId !== undefined ? [communityId, memberId] : [communityId])) as { memberId: number; at: number }[];
  return new Map(rows.map((r) => [r.memberId, r.at]));
}

/** Replaces the tag rows of the profiled members (and clears those of `cleared`), in one transaction. */
function save(store: Store, profiles: MemberProfile[], now: number, cleared: number[] = []): void {
  store.db.transaction((tx) => {
    const ids = [...profiles.map((p) => p.member.id), ...cleared];
    for (let i = 0; i < ids.length; i += 500) tx.delete(memberTags).where(inArray(memberTags.memberId, ids.slice(i, i + 500))).run();
    const rows = profiles.flatMap((p) => p.tags.map((tag) => ({ memberId: p.member.id, tag, computedAt: now })));
    for (let i = 0; i < rows.length; i += 500) tx.insert(memberTags).values(rows.slice(i, i + 500)).run();
  });
}

/** Recomputes the tags of every current member of the community and replaces their rows. */
export function rebuildTags(store: Store, communityId: number, now: number, rules = TAG_RULES): MemberProfile[] {
  const list = store.db.select().from(members).where(and(eq(members.communityId, communityId), isNull(members.leftAt))).all();
  const since = now - Math.max(rules.frequencyDays, rules.preferenceDays) * DAY_MS;
  const items = itemsSince(store, communityId, since);
  const last = lastOrders(store, communityId);
  const byMember = new Map<number, ItemRow[]>();
  for (const i of items) {
    const l = byMember.get(i.memberId) ?? [];
    l.push(i);
    byMember.set(i.memberId, l);
  }
  const profiles = list.map((m) => profileOf(m, byMember.get(m.id) ?? [], last.get(m.id) ?? null, now, rules));
  // Members who left keep no tags: a targeted post should not name them.
  const gone = store.db.select({ id: members.id }).from(members).where(eq(members.communityId, communityId)).all()
    .filter((r) => !list.some((m) => m.id === r.id)).map((r) => r.id);
  save(store, profiles, now, gone);
  return profiles;
}

/** Recomputes one member's tags (what /标签 shows). */
export function rebuildMemberTags(store: Store, member: Member, now: number, rules = TAG_RULES): MemberProfile {
  const since = now - Math.max(rules.frequencyDays, rules.preferenceDays) * DAY_MS;
  const items = itemsSince(store, member.communityId, since, member.id);
  const profile = profileOf(member, items, lastOrders(store, member.communityId, member.id).get(member.id) ?? null, now, rules);
  save(store, [profile], now);
  return profile;
}

/** Stored tags of one member, in the order they were written. */
export function tagsOf(store: Store, memberId: number): string[] {
  return store.db.select({ tag: memberTags.tag }).from(memberTags).where(eq(memberTags.memberId, memberId)).all().map((r) => r.tag);
}

export interface TagMatch { member: Member; tags: string[] }

/**
 * Current members having a tag: the exact tag first; when none has it, tags containing the text
 * ("/人群 母婴" also finds members tagged "宝妈群体-母婴+生鲜-每周3次采购").
 */
export function findByTag(store: Store, communityId: number, tag: string): { exact: boolean; matches: TagMatch[] } {
  const rows = store.sqlite.prepare(`
    SELECT t.member_id AS memberId, t.tag AS tag FROM member_tags t JOIN members m ON m.id = t.member_id
    WHERE m.community_id = ? AND m.left_at IS NULL ORDER BY t.member_id`).all(communityId) as { memberId: number; tag: string }[];
  const tagsBy = new Map<number, string[]>();
  for (const r of rows) tagsBy.set(r.memberId, [...(tagsBy.get(r.memberId) ?? []), r.tag]);
  const want = tag.normalize('NFKC').trim();
  let ids = [...tagsBy.entries()].filter(([, t]) => t.includes(want)).map(([id]) => id);
  const exact = ids.length > 0;
  if (!exact) ids = [...tagsBy.entries()].filter(([, t]) => t.some((x) => x.includes(want))).map(([id]) => id);
  if (ids.length === 0) return { exact, matches: [] };
  const list = store.db.select().from(members).where(inArray(members.id, ids)).all();
  return { exact, matches: list.map((member) => ({ member, tags: tagsBy.get(member.id)! })) };
}

/** The most common tags of the community (for /人群 without a tag). */
export function commonTags(store: Store, communityId: number, limit = 12): { tag: string; n: number }[] {
  return store.sqlite.prepare(`
    SELECT t.tag AS tag, COUNT(*) AS n FROM member_tags t JOIN members m ON m.id = t.member_id
    WHERE m.community_id = ? AND m.left_at IS NULL GROUP BY t.tag ORDER BY n DESC, t.tag LIMIT ?`).all(communityId, limit) as { tag: string; n: number }[];
}

export interface SilentReport {
  silent: { member: Member; lastSeenAt: number | null; lastOrderAt: number | null }[];
  residents: number;
  /** Not silent only because they joined within the window: no message and no order yet. */
  newcomers: Member[];
}

/**
 * 沉默用户: residents still in the group with no message and no order for `days` days (a newcomer
 * counts from joining). Leaders and admins are not counted.
 */
export function silentMembers(store: Store, communityId: number, now: number, days = TAG_RULES.silentDays): SilentReport {
  const from = now - days * DAY_MS;
  const list = store.db.select().from(members)
    .where(and(eq(members.communityId, communityId), isNull(members.leftAt), eq(members.role, 'resident'))).all();
  const last = lastOrders(store, communityId);
  const silent = list
    .filter((m) => (m.lastSeenAt ?? m.joinedAt) < from && (last.get(m.id) ?? 0) < from)
    .map((m) => ({ member: m, lastSeenAt: m.lastSeenAt, lastOrderAt: last.get(m.id) ?? null }))
    .sort((a, b) => (a.lastSeenAt ?? 0) - (b.lastSeenAt ?? 0));
  const newcomers = list.filter((m) => m.lastSeenAt === null && !last.has(m.id) && m.joinedAt >= from);
  return { silent, residents: list.length, newcomers };
}
