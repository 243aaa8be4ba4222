// Joins and leaves through the mock puppet.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { waitUntil } from '../helpers/wait.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });


describe('room-join and room-leave', () => {
  it('records a new member with the inviter, and the leave', async () => {
    const newbie = h.world.mocker.createContact({ id: 'newbie', name: '9-901 小新' });
    const inviter = h.world.people.get('张姐')!;
    h.world.main.add(newbie).by(inviter);
    const q = () => h.store.sqlite.prepare(`SELECT display_name AS name, building, unit, inviter_contact_id AS inviter, left_at AS leftAt FROM members WHERE contact_id = 'newbie'`).get() as
      { name: string; building: string; unit: string; inviter: string; leftAt: number | null } | undefined;
    await waitUntil(() => q() !== undefined, 'the member row');
    expect(q()).toMatchObject({ name: '9-901 小新', building: '9', unit: '901', inviter: 'demo-zhangjie', leftAt: null });
    h.world.main.remove(newbie).by(h.world.people.get('团长')!);
    await waitUntil(() => typeof q()?.leftAt === 'number', 'the leave recorded');
    expect(q()!.leftAt).toBeGreaterThan(0);
    const events = h.store.sqlite.prepare(`SELECT kind, inviter_contact_id AS inviter FROM member_events WHERE contact_id = 'newbie' ORDER BY id`).all();
    expect(events).toEqual([{ kind: 'join', inviter: 'demo-zhangjie' }, { kind: 'leave', inviter: null }]);
  });

  it('does not count the bot as an inviter', async () => {
    const guest = h.world.mocker.createContact({ id: 'guest', name: '访客' });
    h.world.main.add(guest).by(h.world.botUser);
    const q = () => h.store.sqlite.prepare(`SELECT inviter_contact_id AS inviter FROM members WHERE contact_id = 'guest'`).get() as { inviter: string | null } | undefined;
    await waitUntil(() => q() !== undefined, 'the member row');
    expect(q()!.inviter).toBeNull();
  });
});
