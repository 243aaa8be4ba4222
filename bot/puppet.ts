// Which Wechaty puppet to run: the built-in simulator (mock) by default, real WeChat via wechat4u, or any named puppet.
import path from 'node:path';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { Config } from '../src/config.js';
import { MOCK_PUPPET } from '../src/config.js';

export type PuppetChoice =
  | { kind: 'mock'; puppet: PuppetMock; mocker: mock.Mocker }
  | { kind: 'named'; name: string; memoryName: string };

export function choosePuppet(config: Config, dataDir: string): PuppetChoice {
  if (config.puppet === MOCK_PUPPET) {
    const mocker = new mock.Mocker();
    return { kind: 'mock', puppet: new PuppetMock({ mocker }), mocker };
  }
  // The login session (memory card) lives under data/ so a restart needs no new QR scan.
  return { kind: 'named', name: config.puppet, memoryName: path.join(dataDir, config.sessionName) };
}
