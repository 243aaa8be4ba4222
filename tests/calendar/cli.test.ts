import { describe, it, expect } from 'vitest';
import { Writable } from 'node:stream';
import { runCalendarCli } from '../../src/campaigns/calendar/cli.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('lintuan calendar', () => {
  it('prints the 2027 calendar', async () => {
    const out = capture();
    const err = capture();
    expect(await runCalendarCli(['2027'], out.stream, err.stream)).toBe(0);
    expect(err.text()).toBe('');
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toContain('2027-04-05 清明 青团节 提前3天发布(2027-04-02) 品类: 糕点、生鲜');
    expect(lines).toContain('2027-06-09 端午 粽子节 提前7天发布(2027-06-02) 品类: 糕点、速冻、蛋奶');
    expect(lines).toContain('2027-09-15 中秋 月饼季 提前14天发布(2027-09-01) 品类: 糕点、水果、水产');
    expect(lines).toContain('2027-12-22 冬至 饺子季 提前5天发布(2027-12-17) 品类: 速冻、生鲜');
    const dates = lines.map((l) => l.slice(0, 10));
    expect([...dates].sort()).toEqual(dates);
    expect(lines.every((l) => l.startsWith('2027-'))).toBe(true);
    expect(lines).toHaveLength(38);
  });

  it('tolerates a leading "calendar" argument', async () => {
    const out = capture();
    expect(await runCalendarCli(['calendar', '2027'], out.stream, capture().stream)).toBe(0);
    expect(out.text()).toContain('2027-04-05 清明 青团节');
  });

  it.each([[[]], [['abc']], [['27']], [['2027.5']], [['1800']], [['2027', '2028']]])(
    'bad args %j → exit 2 with a Chinese error',
    async (args) => {
      const out = capture();
      const err = capture();
      expect(await runCalendarCli(args, out.stream, err.stream)).toBe(2);
      expect(out.text()).toBe('');
      expect(err.text()).toMatch(/年份|参数/);
      expect(err.text()).toContain('用法：lintuan calendar');
    },
  );
});
