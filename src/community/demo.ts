// The demo community shipped in data/: used by `lintuan seed-demo` and the built-in simulator.
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../store/db.js';
import { bindGroup, groupByRoomId } from './communities.js';
import { openSession } from '../ordering/sessions.js';
import { upsertMember } from '../growth/members.js';
import { listProducts, readCatalogFile, upsertProducts } from '../catalog/catalog.js';
import { DATA_DIR } from '../config.js';


export interface DemoPerson { id: string; short: string; nickname: string }
export interface DemoCommunity {
  community: string;
  bot: { id: string; name: string };
  groups: { roomId: string; topic: string; kind: 'main' | 'function'; label?: string }[];
  leader: DemoPerson;
  residents: DemoPerson[];
  /** The session the demo keeps open (all products, cut-off `days` ahead). */
  session: { title: string; days: number };
}

export function loadDemo(): DemoCommunity {
  return JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'demo-community.json'), 'utf8'));
}

/** Idempotent: binds the demo groups, appoints the leader, enrols the residents, loads the demo catalog (stock is only set on first seed), opens the demo session on first seed. */
export function seedDemo(store: Store, demo = loadDemo(), now: number): { communityId: number } {
  let communityId = 0;
  for (const g of demo.groups) {
    const r = bindGroup(store, { roomId: g.roomId, topic: g.topic, communityName: demo.community, kind: g.kind, label: g.label }, now);
    if (!r.ok) throw new Error(`demo group ${g.topic} conflicts with ${r.existing.topic}`);
    communityId = r.community.id;
  }
  upsertMember(store, { communityId, contactId: demo.leader.id, nickname: demo.leader.nickname, role: 'leader' }, now);
  for (const r of demo.residents) upsertMember(store, { communityId, contactId: r.id, nickname: r.nickname }, now);
  const hasCatalog = store.sqlite.prepare('SELECT 1 FROM products WHERE community_id = ? LIMIT 1').get(communityId);
  if (!hasCatalog) upsertProducts(store, communityId, readCatalogFile(path.join(DATA_DIR, 'demo-catalog.json')), now);
  // The first run opens a session so residents can order straight away; one the leader closed stays closed.
  const hadSession = store.sqlite.prepare('SELECT 1 FROM sessions WHERE community_id = ? LIMIT 1').get(communityId);
  if (!hadSession) {
    const main = demo.groups.find((g) => g.kind === 'main')!;
    openSession(store, {
      communityId, groupId: groupByRoomId(store, main.roomId)!.id, title: demo.session.title, cutoffAt: now + demo.session.days * 86_400_000,
      productNames: listProducts(store, communityId).map((p) => p.name), createdBy: demo.leader.id,
    }, now);
  }
  return { communityId };
}
