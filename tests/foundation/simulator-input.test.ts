// The simulator through the real CLI: a multi-line message (接龙), an invitation, and a closed demo session
// that stays closed across a restart.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { parseSimLine } from '../../bot/simulator.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/lintuan.js');

function simulate(db: string, script: string, start: string) {
  const env = { ...process.env, DATABASE_PATH: db, LOG_LEVEL: 'warn', WECHATY_PUPPET: '', CAMPAIGNS: '0', LINTUAN_SIM_START: start };
  const res = spawnSync(process.execPath, [BIN, 'start'], { cwd: ROOT, input: script, env, encoding: 'utf8', timeout: 90_000 });
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
  return res.stdout.trim().split('\n');
}

const query = <T>(db: string, sql: string) => {
  const conn = new Database(db, { readonly: true });
  try { return conn.prepare(sql).all() as T[]; } finally { conn.close(); }
};

describe('simulator input', { timeout: 120_000 }, () => {
  it('reads "\\n" as a line break and [邀请] as an invitation', () => {
    expect(parseSimLine('张姐: #接龙\\n周五水果团\\n1. 张姐 苹果2斤')).toEqual({ kind: 'room', topic: null, name: '张姐', text: '#接龙\n周五水果团\n1. 张姐 苹果2斤' });
    expect(parseSimLine('[邀请] 张姐: 小美、小丽')).toEqual({ kind: 'invite', topic: null, name: '张姐', invitees: ['小美', '小丽'] });
    expect(parseSimLine('[邀请 阳光小区生鲜群] 张姐: 小美')).toEqual({ kind: 'invite', topic: '阳光小区生鲜群', name: '张姐', invitees: ['小美'] });
  });

  it('an invitation through the CLI: the invitee joins by the inviter, orders, and the inviter is rewarded', () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-sim-')), 'lintuan.db');
    const out = simulate(db, '[邀请] 张姐: 小美\n小美: 苹果1斤\n[邀请] 张姐: 小美\n', '2026-12-03T10:00+08:00');
    expect(out).toContain('[私聊 3-501 张姐] 邻团: 🎁 你邀请的邻居 小美 已下单，你已有 1 位有效邀请，获得：');
    expect(out.find((l) => l.startsWith('[阳光小区团购群] 邻团: ✅ 小美 下单成功'))).toMatch(/^\[阳光小区团购群\] 邻团: ✅ 小美 下单成功：苹果 1斤 ¥6\.00，合计 ¥6\.00（订单号 #1/);
    expect(out).toContain('（小美 已经在群里了）');
    const invites = query<{ inviter: string; invitee: string }>(db, `SELECT a.display_name AS inviter, b.display_name AS invitee FROM invites i
      JOIN members a ON a.id = i.inviter_member_id JOIN members b ON b.id = i.invitee_member_id`);
    expect(invites).toEqual([{ inviter: '3-501 张姐', invitee: '小美' }]);
  });

  it('a 接龙 typed on one line with \\n arrives as one message of several lines', () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-sim-')), 'lintuan.db');
    simulate(db, '张姐: #接龙\\n周五水果团\\n1. 张姐 苹果2斤\\n2. 李叔 草莓1盒\n', '2026-12-03T10:00+08:00');
    // The group keeps the latest 接龙 list as it arrived: one message, four lines.
    const lists = query<{ list: string | null }>(db, "SELECT last_jielong AS list FROM groups WHERE room_id = 'demo-main@chatroom'");
    expect(lists).toEqual([{ list: '#接龙\n周五水果团\n1. 张姐 苹果2斤\n2. 李叔 草莓1盒' }]);
  });

  it('a demo session the leader closed stays closed after a restart', () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-sim-')), 'lintuan.db');
    simulate(db, '团长: /截单\n', '2026-12-03T10:00+08:00');
    const again = simulate(db, '张姐: 苹果2斤\n', '2026-12-03T11:00+08:00');
    expect(again).toEqual(['[阳光小区团购群] 邻团: 目前没有在进行的团购，等团长开团后再下单哦']);
    expect(query<{ status: string }>(db, 'SELECT status FROM sessions')).toEqual([{ status: 'closed' }]);
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: 0 }]);
  });
});
