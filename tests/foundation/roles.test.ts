// Help and permissions through the mock puppet.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => { h = await startHarness({ env: { ADMIN_CONTACT_IDS: 'the-admin' } }); });
afterEach(async () => { await h.stop(); });

describe('help and roles', () => {
  it('shows a resident only resident help', async () => {
    const [reply] = await h.say('张姐', '/帮助');
    expect(reply!.text).toContain('苹果2斤');
    expect(reply!.text).toContain('/帮助');
    expect(reply!.text).not.toContain('/商品');
    expect(reply!.text).not.toContain('/绑定');
  });

  it('shows the leader the leader commands, also with a full-width slash and an ASCII alias', async () => {
    const [a] = await h.say('团长', '／帮助');
    expect(a!.text).toContain('/商品');
    expect(a!.text).not.toContain('/绑定');
    const [b] = await h.say('团长', '/help 商品');
    expect(b!.text).toContain('用法：/商品');
  });

  it('refuses a leader command from a resident and lists the catalog for the leader', async () => {
    const [refused] = await h.say('张姐', '/商品');
    expect(refused!.text).toContain('只有团长可以使用');
    expect(refused!.text).not.toContain('苹果');
    const [listed] = await h.say('团长', '/商品');
    expect(listed!.text).toContain('苹果');
    expect(listed!.text).toContain('¥6.00/斤');
  });

  it('answers an unknown command in Chinese', async () => {
    const [r] = await h.say('张姐', '/飞上天');
    expect(r!.text).toContain('没有「飞上天」这个命令');
  });

  it('lets only an admin bind a new group, and then takes orders there', async () => {
    const room = h.world.mocker.createRoom({ id: 'new@chatroom', topic: '绿城团购群', memberIdList: [h.world.botUser.id] });
    h.world.rooms.push(room);
    const [denied] = await h.say('团长', '/绑定 绿城 主群', '绿城团购群');
    expect(denied!.text).toContain('只有管理员可以使用');
    const admin = h.world.mocker.createContact({ id: 'the-admin', name: '管理员' });
    h.world.people.set('管理员', admin);
    room.add(admin).by(h.world.botUser);
    const [bound] = await h.say('管理员', '/绑定 绿城 主群', '绿城团购群');
    expect(bound!.text).toContain('「绿城」的主群');
    // The new community has no catalog yet: the order is not taken, and nothing leaks from 阳光小区.
    const [reply] = await h.say('张姐', '苹果2斤', '绿城团购群');
    expect(reply?.text ?? '').not.toContain('下单成功');
    const n = h.store.sqlite.prepare('SELECT count(*) AS n FROM orders').get() as { n: number };
    expect(n.n).toBe(0);
  });

  it('answers private messages and gives a contact its id', async () => {
    const [r] = await h.sayPrivately('张姐', '/我是谁');
    expect(r!.conversationId).toBe('demo-zhangjie');
    expect(r!.text).toContain('demo-zhangjie');
    expect(r!.text).toContain('阳光小区');
  });
});
