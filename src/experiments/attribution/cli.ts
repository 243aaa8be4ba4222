// `lintuan attribution --journeys FILE.jsonl`: the exact Shapley credit of each touchpoint as one JSON object.
import { readFileSync } from 'node:fs';
import { parseFlags } from '../../core/cli-args.js';
import { JourneyLineError, parseJourneys } from './journeys.js';
import { shapley, type Attribution } from './shapley.js';

const USAGE = '用法：lintuan attribution --journeys 旅程.jsonl（每行 {"touchpoints":["直播日","截单提醒"],"converted":0|1}）';

/** One JSON object, keys in the touchpoints' string order (UTF-16 code units) (built by hand: a key like "1" would jump first in an object). */
export function attributionJson(a: Attribution): string {
  return `{${a.credits.map((c) => `${JSON.stringify(c.touchpoint)}:${JSON.stringify(c.credit)}`).join(',')}}`;
}

/** Reads and attributes a journeys file (what the CLI times, and what the bench measures). */
export function attributeFile(file: string): Attribution {
  return shapley(parseJourneys(readFileSync(file, 'utf8')));
}

/** Returns the exit code: 0 done, 2 bad usage or a bad line, 1 the file could not be read. */
export function runAttributionCli(args: string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream = process.stderr): number {
  const parsed = parseFlags({ args, options: { journeys: { type: 'string' } }, allowPositionals: false });
  if (!parsed.ok) {
    stderr.write(`${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const file = parsed.value.values.journeys;
  if (!file) {
    stderr.write(`缺少 --journeys 参数。\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    stderr.write(code === 'ENOENT' ? `找不到旅程文件 ${file}\n` : `无法读取旅程文件 ${file}（${code ?? (e as Error).message}）\n`);
    return code === 'ENOENT' ? 2 : 1;
  }
  let result: Attribution;
  try {
    const counts = parseJourneys(text);
    if (counts.lines === 0) {
      stderr.write(`旅程文件 ${file} 里没有旅程\n`);
      return 2;
    }
    result = shapley(counts);
  } catch (e) {
    if (e instanceof JourneyLineError) {
      stderr.write(`旅程文件 ${file} ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  stdout.write(attributionJson(result) + '\n');
  return 0;
}
