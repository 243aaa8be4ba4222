// The core without a puppet: a throwing handler, log redaction, puppet choice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger, scrub } from '../../src/log.js';
import { openStore } from '../../src/store/db.js';
import { createApp, handleIncoming } from '../../src/core/app.js';
import { seedDemo } from '../../src/community/demo.js';
import { TEST_START } from '../helpers/harness.js';
import { parseNickname } from '../../src/growth/members.js';
import { commands } from '../../commands/index.js';
import { choosePuppet } from '../../bot/puppet.js';
import type { Handler } from '../../src/core/types.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  return { lines, stream };
}

describe('core', () => {
  it('logs a handler that throws and answers politely, without a stack trace', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-core-'));
    const store = openStore(path.join(dir, 'c.db'));
    seedDemo(store, undefined, TEST_START);
    const { lines, stream } = capture();
    const app = createApp({ store, config: loadConfig({ DATABASE_PATH: path.join(dir, 'c.db') }, dir), log: createLogger('info', stream), commands });
    const boom: Handler = { name: 'boom', match: () => true, handle: () => { throw new Error('disk on fire at 13812345678'); } };
    await handleIncoming(app, [boom], {
      messageId: 'm1', text: '苹果2斤', receivedAt: TEST_START, roomId: 'demo-main@chatroom', topic: '阳光小区团购群', contactId: 'demo-zhangjie', nickname: '3-501 张姐',
    });
    const queued = store.sqlite.prepare('SELECT body FROM outbox').all() as { body: string }[];
    expect(queued).toHaveLength(1);
    expect(queued[0]!.body).toContain('系统开小差');
    expect(queued[0]!.body).not.toMatch(/Error|fire/);
    const entry = JSON.parse(lines.find((l) => l.includes('handler failed'))!);
    expect(entry.handler).toBe('boom');
    expect(JSON.stringify(entry)).not.toContain('13812345678');
    store.close();
  });

  it('redacts phone numbers and home addresses in log lines', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info({ text: '3-501 张姐 电话13812345678', phone: '13900001111', nested: { note: '5栋302室 +86 138-1234-5678' } }, '收到 幸福路12号 的订单');
    const out = lines.join('');
    for (const secret of ['13812345678', '13900001111', '138-1234-5678', '3-501', '5栋302', '幸福路12号']) expect(out).not.toContain(secret);
    expect(JSON.parse(out).msg).toContain('[地址]');
    expect(scrub('订单号 #12 金额 ¥12.00 于 2026-11-25')).toBe('订单号 #12 金额 ¥12.00 于 2026-11-25');
  });

  it('reads building and unit from group nicknames', () => {
    expect(parseNickname('3-501 张姐')).toEqual({ building: '3', unit: '501', name: '张姐' });
    expect(parseNickname('12-3-1201 李')).toEqual({ building: '12', unit: '3-1201', name: '李' });
    expect(parseNickname('5栋302 王姐')).toEqual({ building: '5', unit: '302', name: '王姐' });
    expect(parseNickname('张姐 ３－５０１')).toEqual({ building: '3', unit: '501', name: '张姐' });
    expect(parseNickname('3号楼2单元501室-赵')).toEqual({ building: '3', unit: '2单元501', name: '赵' });
    expect(parseNickname('快乐的小王')).toEqual({ building: null, unit: null, name: '快乐的小王' });
  });

  it('chooses the simulator by default, and keeps a real login session under data/', () => {
    expect(choosePuppet(loadConfig({}, '/x'), '/x/data').kind).toBe('mock');
    const real = choosePuppet(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-wechat4u' }, '/x'), '/x/data');
    expect(real).toEqual({ kind: 'named', name: 'wechaty-puppet-wechat4u', memoryName: '/x/data/lintuan' });
    const other = choosePuppet(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_NAME: 'bot2' }, '/x'), '/x/data');
    expect(other).toMatchObject({ name: 'wechaty-puppet-service', memoryName: '/x/data/bot2' });
  });

  it('rejects a malformed numeric setting with a Chinese error', () => {
    expect(() => loadConfig({ OUTBOX_DAILY_CAP: 'lots' })).toThrow(/OUTBOX_DAILY_CAP/);
    expect(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-wechat4u' }).outbox.minIntervalMs).toBe(1500);
    expect(loadConfig({}).outbox.minIntervalMs).toBeLessThan(100);
  });
});
