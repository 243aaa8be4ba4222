// Journeys as JSON lines: `{"touchpoints":["直播日","截单提醒"],"converted":0|1}` per line (blank lines are skipped).
import { JourneyAggregator, TooManyTouchpointsError, type JourneyCounts } from './shapley.js';

export class JourneyLineError extends Error {
  constructor(readonly line: number, reason: string) {
    super(`第 ${line} 行${reason}`);
  }
}

/** Validates one parsed line; returns the reason (Chinese) when it is not a journey. */
function journeyOf(raw: unknown): { touchpoints: string[]; converted: boolean } | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return '不是 JSON 对象';
  const { touchpoints, converted } = raw as { touchpoints?: unknown; converted?: unknown };
  if (!Array.isArray(touchpoints)) return '缺少 touchpoints 数组';
  for (const t of touchpoints) if (typeof t !== 'string' || t.trim() === '') return '的 touchpoints 里有不是非空字符串的项';
  if (converted !== 0 && converted !== 1 && converted !== true && converted !== false) return '的 converted 必须是 0 或 1';
  return { touchpoints: touchpoints as string[], converted: converted === 1 || converted === true };
}

/** Parses the whole text; throws JourneyLineError naming the first bad line (1-based), or TooManyTouchpointsError. */
export function parseJourneys(input: string): JourneyCounts & { lines: number } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input; // a BOM from a Windows editor
  const agg = new JourneyAggregator();
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new JourneyLineError(lineNo, '不是合法的 JSON');
    }
    const j = journeyOf(raw);
    if (typeof j === 'string') throw new JourneyLineError(lineNo, j);
    try {
      agg.add(j.touchpoints, j.converted);
    } catch (e) {
      if (e instanceof TooManyTouchpointsError) throw new JourneyLineError(lineNo, `出现第 ${e.count} 个触点，精确 Shapley 归因最多支持 16 个触点`);
      throw e;
    }
  }
  return { ...agg.counts(), lines: agg.size };
}
