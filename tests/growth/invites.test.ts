// 裂变激励: invites from room-joins and join notices, validity on the first order, the ladder rewards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { types as wechatyTypes } from 'wechaty';
import { startHarness, type Harness } from '../helpers/harness.js';
import { grantLadder, parseJoinNotice } from '../../src/growth/invites.js';
import { memberByContact } from '../../src/growth/members.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });


const memberId = (contactId: string) => memberByContact(h.store, h.communityId, contactId)?.id;
const joins = (contactId: string) => (h.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM member_events WHERE contact_id = ? AND kind = 'join'`).get(contactId) as { n: number }).n;

/** Runs `act` (a join or leave in the main group) and resolves once the bot has recorded it and queued any reply. */
async function membershipRecorded(act: () => void): Promise<void> {
  const recorded = new Promise<void>((resolve) => h.bot.onMembership((roomId) => { if (roomId === h.world.main.id) resolve(); }));
  act();
  await recorded;
  await h.settle();
}

/** A new WeChat contact the harness can speak as (added to no room yet). */
function contact(id: string, name: string) {
  const c = h.world.mocker.createContact({ id, name });
  h.world.people.set(name, c);
  return c;
}

/** `invitee` joins the main group, brought by `by` (a person's short name, or the bot). */
async function join(invitee: ReturnType<typeof contact>, by: string | 'bot') {
  await membershipRecorded(() => h.world.main.add(invitee).by(by === 'bot' ? h.world.botUser : h.world.people.get(by)!));
}

async function leave(person: ReturnType<typeof contact>) {
  await membershipRecorded(() => h.world.main.remove(person).by(h.world.people.get('团长')!));
  expect(typeof memberByContact(h.store, h.communityId, person.id)?.leftAt).toBe('number');
}

let noticeSeq = 0;
/** The group system message WeChat posts about a join (a non-text room message). */
async function notice(text: string) {
  const id = `sys-${++noticeSeq}`;
  h.world.mocker.MessageMock.create({ id, talkerId: 'demo-leader', roomId: h.world.main.id, timestamp: h.app.now(), type: wechatyTypes.Message.Unknown, text, mentionIdList: [] });
  return h.redeliver(id);
}

type InviteRow = { id: number; inviter: number; invitee: number; source: string; status: string; validAt: number | null };
const invitesOf = (inviteeContactId: string) => h.store.sqlite.prepare(`
  SELECT i.id, i.inviter_member_id AS inviter, i.invitee_member_id AS invitee, i.source, i.status, i.valid_at AS validAt
  FROM invites i JOIN members m ON m.id = i.invitee_member_id WHERE m.contact_id = ?`).all(inviteeContactId) as InviteRow[];
const allInvites = () => (h.store.sqlite.prepare('SELECT COUNT(*) AS n FROM invites').get() as { n: number }).n;
const texts = (sent: { text: string }[]) => sent.map((s) => s.text).join('\n');

describe('parseJoinNotice', () => {
  it('reads the ways WeChat announces a join', () => {
    expect(parseJoinNotice('"3-501 张姐"邀请"小新"加入了群聊')).toEqual({ inviter: '3-501 张姐', invitees: ['小新'], via: 'invite' });
    expect(parseJoinNotice('张姐邀请小新、小王加入了群聊')).toEqual({ inviter: '张姐', invitees: ['小新', '小王'], via: 'invite' });
    expect(parseJoinNotice('"张姐"邀请"小新、小王"加入了群聊')).toEqual({ inviter: '张姐', invitees: ['小新', '小王'], via: 'invite' });
    expect(parseJoinNotice('" 小新"通过扫描"王妈"分享的二维码加入群聊')).toEqual({ inviter: '王妈', invitees: ['小新'], via: 'qrcode' });
    expect(parseJoinNotice('小新通过扫描王妈分享的二维码加入群聊')).toEqual({ inviter: '王妈', invitees: ['小新'], via: 'qrcode' });
    expect(parseJoinNotice('你邀请"小新"加入了群聊  $revoke$')).toEqual({ inviter: null, invitees: ['小新'], via: 'invite' });
    expect(parseJoinNotice('"小新"通过扫描你分享的二维码加入群聊')).toEqual({ inviter: null, invitees: ['小新'], via: 'qrcode' });
    expect(parseJoinNotice('"张姐"邀请你加入了群聊，群聊参与人还有：李叔')).toBeNull();
    expect(parseJoinNotice('"张姐"修改群名为"阳光小区团购群"')).toBeNull();
    expect(parseJoinNotice('苹果2斤')).toBeNull();
  });
});

describe('invites and the ladder', () => {
  it('records room.add(invitee).by(inviter); the first order makes it valid; 3 valid invites grant the coupon exactly once, also after a restart', async () => {
    const zhang = memberId('demo-zhangjie')!;
    const a = contact('inv-a', '8-101 小安');
    await join(a, '张姐');
    expect(invitesOf('inv-a')).toEqual([expect.objectContaining({ inviter: zhang, source: 'event', status: 'pending', validAt: null })]);

    // First order: valid, the 1-invite step (10 积分) is granted and announced.
    const r1 = await h.say('8-101 小安', '苹果2斤');
    expect(texts(r1)).toContain('下单成功');
    expect(texts(r1)).toContain('感谢 3-501 张姐 邀请邻居入群');
    expect(texts(r1)).toContain('10 积分');
    const inviteA = invitesOf('inv-a')[0]!;
    expect(inviteA).toMatchObject({ status: 'valid' });
    expect(inviteA.validAt).toBeGreaterThan(0);
    expect(h.store.sqlite.prepare(`SELECT delta, reason, ref FROM points_ledger WHERE member_id = ? AND reason = 'invite'`).all(zhang))
      .toEqual([{ delta: 10, reason: 'invite', ref: `invite:${inviteA.id}` }]);
    // A second order by the same invitee changes nothing.
    const again = await h.say('8-101 小安', '香蕉1把');
    expect(texts(again)).not.toContain('感谢');

    const b = contact('inv-b', '8-102 小贝');
    const c = contact('inv-c', '8-103 小西');
    await join(b, '张姐');
    await join(c, '张姐');
    const r2 = await h.say('8-102 小贝', '苹果1斤');
    expect(texts(r2)).not.toContain('感谢');
    const r3 = await h.say('8-103 小西', '牛奶2瓶');
    expect(texts(r3)).toContain('全年免邮券');
    // The third valid invite makes 张姐 a 超级团长 (data/tiers.json): announced with the reward, and privately.
    expect(texts(r3)).toContain('🎉 恭喜 3-501 张姐 升级为超级团长（专属服务）！可享：优先配送、1小时达（限配送范围内）、积分兑换物业费抵扣券、专属客服');
    expect(h.store.sqlite.prepare('SELECT tier FROM members WHERE id = ?').get(zhang)).toEqual({ tier: '超级团长' });
    expect(h.sent.filter((s) => s.conversationId === 'demo-zhangjie' && s.text.includes('升级为超级团长')).map((s) => s.text))
      .toEqual([expect.stringContaining('🎁 你邀请的邻居 8-103 小西 已下单，你已有 3 位有效邀请')]);
    const coupons = h.store.sqlite.prepare(`SELECT kind, name, code, source, status, issued_at AS issuedAt, expires_at AS expiresAt FROM coupons WHERE member_id = ?`).all(zhang) as
      { kind: string; name: string; code: string; source: string; status: string; issuedAt: number; expiresAt: number }[];
    expect(coupons).toHaveLength(1);
    expect(coupons[0]).toMatchObject({ kind: '免邮券', name: '全年免邮券', source: 'ladder', status: 'issued' });
    expect(coupons[0]!.code).toMatch(/^YQ[A-Z0-9]{8}$/);
    expect(coupons[0]!.expiresAt - coupons[0]!.issuedAt).toBe(365 * 86_400_000);
    // The inviter gets the code privately.
    expect(h.sent.some((s) => s.conversationId === 'demo-zhangjie' && s.text.includes(coupons[0]!.code))).toBe(true);
    const grants = () => h.store.sqlite.prepare(`SELECT ladder, step, reward FROM reward_grants WHERE member_id = ? ORDER BY step`).all(zhang);
    expect(grants()).toEqual([{ ladder: 'invite', step: 1, reward: '10 积分' }, { ladder: 'invite', step: 3, reward: '全年免邮券' }]);

    // Restart on the same database: a 4th valid invite grants nothing again.
    const dir = h.dir;
    await h.stop();
    h = await startHarness({ dir });
    const d = contact('inv-d', '8-104 小迪');
    await join(d, '张姐');
    const r4 = await h.say('8-104 小迪', '苹果1斤');
    expect(texts(r4)).toContain('下单成功');
    expect(texts(r4)).not.toContain('感谢');
    expect(invitesOf('inv-d')[0]).toMatchObject({ status: 'valid' });
    expect(grants()).toHaveLength(2);
    expect(h.store.sqlite.prepare('SELECT COUNT(*) AS n FROM coupons').get()).toEqual({ n: 1 });
    const inviter = memberByContact(h.store, h.communityId, 'demo-zhangjie')!;
    expect(grantLadder(h.store, inviter, 'invite:again', h.app.now())).toEqual([]);
    expect(h.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM points_ledger WHERE reason = 'invite'`).get()).toEqual({ n: 1 });
  });

  it('never counts self-invites, invites by the bot or re-joins', async () => {
    const self = contact('inv-self', '9-101 自己');
    await membershipRecorded(() => h.world.main.add(self).by(self));
    expect(joins('inv-self')).toBe(1);

    const guest = contact('inv-guest', '9-102 访客');
    await join(guest, 'bot');
    await notice('你邀请"9-102 访客"加入了群聊');
    expect(allInvites()).toBe(0);

    // Invited once by 张姐; leaves; comes back invited by 李叔: still the one invite by 张姐.
    const back = contact('inv-back', '9-103 回头客');
    await join(back, '张姐');
    await leave(back);
    await join(back, '李叔');
    expect(invitesOf('inv-back')).toEqual([expect.objectContaining({ inviter: memberId('demo-zhangjie'), source: 'event' })]);

    // A member known before (seeded, no invite) who leaves and is brought back is no new invite.
    const xiaozhao = h.world.people.get('小赵')!;
    await leave(xiaozhao as ReturnType<typeof contact>);
    await join(xiaozhao as ReturnType<typeof contact>, '王妈');
    expect(invitesOf('demo-xiaozhao')).toEqual([]);

    // Orders by them never make an invite valid or grant anything.
    await h.say('9-101 自己', '苹果1斤');
    await h.say('9-102 访客', '苹果1斤');
    await h.say('小赵', '苹果1斤');
    expect(allInvites()).toBe(1);
    expect(h.store.sqlite.prepare('SELECT COUNT(*) AS n FROM reward_grants').get()).toEqual({ n: 0 });
  });

  it('records the invite from the system message when the event had no inviter, and one invite for event + notice', async () => {
    // The event names no inviter (wechat4u could not tell); the notice that follows does.
    const w = contact('inv-w', '小薇');
    await join(w, 'bot');
    expect(invitesOf('inv-w')).toEqual([]);
    await notice('"3-501 张姐"邀请"小薇"加入了群聊');
    expect(invitesOf('inv-w')).toEqual([expect.objectContaining({ inviter: memberId('demo-zhangjie'), source: 'system_message', status: 'pending' })]);
    expect(memberByContact(h.store, h.communityId, 'inv-w')!.inviterContactId).toBe('demo-zhangjie');

    // The notice first, the inviter-less event after it.
    await notice('" 小优"通过扫描"李叔"分享的二维码加入群聊');
    const u = contact('inv-u', '小优');
    await join(u, 'bot');
    expect(invitesOf('inv-u')).toEqual([expect.objectContaining({ inviter: memberId('demo-lishu'), source: 'system_message' })]);

    // Event and notice about the same join: one invite.
    const v = contact('inv-v', '小维');
    await join(v, '王妈');
    await notice('"7-1102 王妈"邀请"小维"加入了群聊');
    expect(invitesOf('inv-v')).toEqual([expect.objectContaining({ inviter: memberId('demo-wangma'), source: 'event' })]);

    // An invite learned from the notice becomes valid on the first order like any other.
    const r = await h.say('小薇', '苹果1斤');
    expect(texts(r)).toContain('感谢 3-501 张姐');
    expect(invitesOf('inv-w')[0]).toMatchObject({ status: 'valid' });
  });

  it('answers 我邀请了几个人 with counts and the next step', async () => {
    const none = await h.say('李叔', '我邀请了几个人');
    expect(texts(none)).toContain('你还没有邀请过邻居入群');
    expect(texts(none)).toContain('再邀请 1 位邻居下单，可得 10 积分');

    const a = contact('inv-qa', '6-101 阿强');
    const b = contact('inv-qb', '6-102 阿宝');
    await join(a, '李叔');
    await join(b, '李叔');
    await h.say('6-101 阿强', '苹果2斤');
    const reply = texts(await h.say('李叔', '我邀请了几个人'));
    expect(reply).toContain('你已邀请 2 位邻居入群：1 位已下单（有效邀请），1 位还没下单');
    expect(reply).toContain('再邀请 2 位邻居下单，可得全年免邮券');
    expect(reply).not.toContain('准备中');
  });
});
