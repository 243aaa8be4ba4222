// Asia/Shanghai calendar helpers. China has had no DST since 1991, so a fixed +08:00 offset is exact.
const OFFSET_MS = 8 * 3600_000;

/** 'YYYY-MM-DD' of an instant in Shanghai. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of 00:00 Shanghai on the day containing `ms`. */
export function startOfShanghaiDay(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / 86_400_000) * 86_400_000 - OFFSET_MS;
}

/** 'MM-DD HH:mm' in Shanghai, for user-facing text. */
export function shanghaiClock(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(5, 16).replace('T', ' ');
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A cut-off as leaders write it, in Shanghai time: "20:00", "20点", "今天20:00", "明天 8点半",
 * "后天18:00", "11-26 20:00", "11月26日20点", "2026-11-26 20:00". Null when it is not a time.
 */
export function parseShanghaiTime(text: string, now: number): number | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  const m = /^(今天|今晚|明天|明晚|后天|(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?)?(?:晚上|下午|上午|早上|中午)?(\d{1,2})(?:[:：](\d{2})|点(半|(\d{1,2})分?)?)$/.exec(t);
  if (!m) return null;
  const [, day, y, mo, d, hh, mm, half, pm] = m;
  let hour = Number(hh);
  const minute = mm !== undefined ? Number(mm) : half === '半' ? 30 : pm !== undefined ? Number(pm) : 0;
  if (/晚|下午/.test(t) && hour < 12) hour += 12;
  if (hour > 23 || minute > 59) return null;
  const today = shanghaiDay(now);
  let date = today;
  if (day === '明天' || day === '明晚') date = shanghaiDay(now + 86_400_000);
  else if (day === '后天') date = shanghaiDay(now + 2 * 86_400_000);
  else if (mo && d) date = `${y ?? today.slice(0, 4)}-${pad(Number(mo))}-${pad(Number(d))}`;
  const ms = Date.parse(`${date}T${pad(hour)}:${pad(minute)}:00+08:00`);
  return Number.isFinite(ms) ? ms : null;
}
