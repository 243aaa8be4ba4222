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
