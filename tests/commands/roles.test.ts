// /设团长 and /撤团长 through the mock puppet: only an admin may change roles, per community.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { ADMIN_CONTACT_IDS: 'the-admin' } });
  const admin = h.world.mocker.createContact({ id: 'the-admin', name: '管理员' });
  h.world.people.set('管理员', admin);
  for (const room of h.world.rooms) room.add(admin).by(h.world.botUser);
});
afterEach(async () => { await h.stop(); });

const roleOf = (contactId: string, community = '阳光小区') => (h.store.sqlite.prepare(
  'SELECT m.role FROM members m JOIN communities c ON c.id = m.community_id WHERE m.contact_id = ? AND c.name = ?',
).get(contactId, community) as { role: string } | undefined)?.role;
const say = async (who: string, text: string, room?: string) => {
  const replies = await h.say(who, text, room);
  expect(replies).toHaveLength(1);
  return replies[0]!.text;
};

describe('/设团长 and /撤团长', () => {
  it('lets an admin appoint a resident by @-mention, who then has leader commands, and dismiss them again', async () => {
    // 张姐 has spoken (and is cached) as a resident first.
    expect(await say('张姐', '/库存')).toContain('只有团长可以使用');
    const appointed = await say('管理员', '/设团长 @张姐');
    expect(appointed).toBe('已设「3-501 张姐」为「阳光小区」的团长，发送 /帮助 可查看团长命令');
    expect(roleOf('demo-zhangjie')).toBe('leader');
    // The directory cache was told: the very next message runs with the new role.
    expect(await say('张姐', '/库存 草莓')).toContain('草莓　库存 60盒');
    expect(await say('张姐', '/帮助')).toContain('/上架');

    const dismissed = await say('管理员', '/撤团长 @张姐');
    expect(dismissed).toBe('已撤销「3-501 张姐」在「阳光小区」的团长身份，现在是居民');
    expect(roleOf('demo-zhangjie')).toBe('resident');
    expect(await say('张姐', '/库存')).toContain('只有团长可以使用');
  });

  it('resolves a written nickname without an @-mention, also privately and with the ASCII alias', async () => {
    expect(await say('管理员', '/appoint 李叔')).toContain('已设「5栋302 李叔」为「阳光小区」的团长');
    expect(roleOf('demo-lishu')).toBe('leader');
    // Privately: the admin is a member of 阳光小区 only, so the command applies there.
    const [r] = await h.sayPrivately('管理员', '/dismiss 5栋302 李叔');
    expect(r!.conversationId).toBe('the-admin');
    expect(r!.text).toContain('已撤销「5栋302 李叔」在「阳光小区」的团长身份');
    expect(roleOf('demo-lishu')).toBe('resident');
  });

  it('explains unknown targets, repeats and missing arguments without writing', async () => {
    expect(await say('管理员', '/设团长')).toContain('用法：/设团长 @某人');
    expect(await say('管理员', '/撤团长')).toContain('用法：/撤团长 @某人');
    expect(await say('管理员', '/设团长 @路人甲')).toContain('在「阳光小区」没有找到「路人甲」');
    expect(await say('管理员', '/设团长 @团长')).toContain('「团长-小林」已经是「阳光小区」的团长了');
    expect(await say('管理员', '/撤团长 @王妈')).toContain('「7-1102 王妈」不是「阳光小区」的团长');
    expect(roleOf('demo-wangma')).toBe('resident');
    expect(roleOf('demo-leader')).toBe('leader');
  });

  it('is refused to a leader and to a resident', async () => {
    expect(await say('团长', '/设团长 @张姐')).toContain('「/设团长」只有管理员可以使用');
    expect(await say('团长', '/撤团长 @团长')).toContain('只有管理员可以使用');
    expect(await say('张姐', '/设团长 @张姐')).toContain('只有管理员可以使用');
    expect(roleOf('demo-zhangjie')).toBe('resident');
    expect(roleOf('demo-leader')).toBe('leader');
    expect(await say('团长', '/帮助')).not.toContain('/设团长');
  });

  it('makes a leader only of the community where it was said', async () => {
    const room = h.world.mocker.createRoom({ id: 'lv@chatroom', topic: '绿城团购群', memberIdList: [h.world.botUser.id] });
    h.world.rooms.push(room);
    room.add(h.world.people.get('管理员')!).by(h.world.botUser);
    expect(await say('管理员', '/绑定 绿城 主群', '绿城团购群')).toContain('「绿城」的主群');
    await h.say('张姐', '大家好', '绿城团购群');
    expect(await say('管理员', '/设团长 @张姐', '绿城团购群')).toContain('为「绿城」的团长');
    expect(roleOf('demo-zhangjie', '绿城')).toBe('leader');
    expect(roleOf('demo-zhangjie', '阳光小区')).toBe('resident');

    // A leader in 绿城, a resident in 阳光小区.
    expect(await say('张姐', '/库存', '绿城团购群')).toContain('本小区还没有商品');
    expect(await say('张姐', '/库存')).toContain('只有团长可以使用');
    expect(await say('张姐', '/上架 苹果 1 斤 1')).toContain('只有团长可以使用');
    // Dismissing in 阳光小区 does not touch 绿城.
    expect(await say('管理员', '/撤团长 @张姐')).toContain('不是「阳光小区」的团长');
    expect(roleOf('demo-zhangjie', '绿城')).toBe('leader');
    // 阳光小区's leader is nobody in 绿城 and cannot be dismissed from there.
    expect(await say('管理员', '/撤团长 @团长', '绿城团购群')).toMatch(/没有找到|不是「绿城」的团长/);
    expect(roleOf('demo-leader', '阳光小区')).toBe('leader');
  });
});
