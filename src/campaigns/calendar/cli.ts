// `lintuan calendar <year>`: prints the year's seasonal marketing calendar.

import { campaignCalendar, type CalendarCampaign } from './campaigns.js';
import { MAX_YEAR, MIN_YEAR } from './terms.js';
import { parseFlags } from '../../core/cli-args.js';

const USAGE = `用法：lintuan calendar <年份>（例如 lintuan calendar 2027，年份范围 ${MIN_YEAR}–${MAX_YEAR}）`;

/** One output line, e.g. `2027-04-05 清明 青团节 提前3天发布(2027-04-02) 品类: 糕点、生鲜`. */
export function formatCampaignLine(c: CalendarCampaign): string {
  const when = c.leadDays === 0 ? `当天发布(${c.postDate})` : `提前${c.leadDays}天发布(${c.postDate})`;
  return `${c.date} ${c.key} ${c.theme} ${when} 品类: ${c.categories.join('、')}`;
}

/**
 * Runs the calendar command. `args` are the arguments after the subcommand (a leading
 * 'calendar' is tolerated). Returns the exit code: 0 ok, 2 bad usage, 1 broken config.
 * Errors go to `stderr` (default process.stderr).
 */
export async function runCalendarCli(
  args: string[],
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const parsed = parseFlags({ args: args[0] === 'calendar' ? args.slice(1) : args, options: {}, allowPositionals: true });
  if (!parsed.ok) {
    stderr.write(`${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const rest = parsed.value.positionals;
  if (rest.length === 0) {
    stderr.write(`缺少年份。\n${USAGE}\n`);
    return 2;
  }
  if (rest.length > 1) {
    stderr.write(`参数过多：${rest.join(' ')}\n${USAGE}\n`);
    return 2;
  }
  const arg = rest[0]!.trim();
  const year = /^\d{4}$/.test(arg) ? Number(arg) : NaN;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    stderr.write(`年份无效：“${rest[0]}”。\n${USAGE}\n`);
    return 2;
  }
  let campaigns: CalendarCampaign[];
  try {
    campaigns = campaignCalendar(year);
  } catch (e) {
    stderr.write(`营销日历生成失败：${(e as Error).message}\n`);
    return 1;
  }
  const text = campaigns.map(formatCampaignLine).join('\n');
  stdout.write(text.length > 0 ? `${text}\n` : '');
  return 0;
}
