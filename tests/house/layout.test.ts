// The house rules of issue 13, checked on every run: no import circle, a small src/ top level, small flat folders.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import madge from 'madge';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('layout', () => {
  it('has no import circle in src/, bot/, web/, twin/, commands/ or scenarios/ (madge, type imports included)', async () => {
    const res = await madge(['src', 'bot', 'web', 'twin', 'commands', 'scenarios'].map((d) => path.join(ROOT, d)), {
      fileExtensions: ['ts'], tsConfig: path.join(ROOT, 'tsconfig.json'),
    });
    expect(Object.keys(res.obj()).length).toBeGreaterThan(150); // it really read the tree
    expect(res.circular()).toEqual([]);
  }, 60_000);

  it('keeps at most 6 files at the top of src/ and at most 12 files flat in any folder of src/', () => {
    const top = fs.readdirSync(path.join(ROOT, 'src'), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    expect(top.sort()).toEqual(['clock.ts', 'config.ts', 'log.ts', 'money.ts', 'quantity.ts', 'time.ts']);
    const crowded: string[] = [];
    const walk = (dir: string) => {
      const entries = fs.readdirSync(dir, { withFileTypes: true });
      if (entries.filter((e) => e.isFile()).length > 12) crowded.push(path.relative(ROOT, dir));
      for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
    };
    walk(path.join(ROOT, 'src'));
    expect(crowded).toEqual([]);
  });
});
