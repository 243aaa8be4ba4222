// pino JSON logs (pretty on a terminal) with phone numbers and home addresses scrubbed.
import pino, { type Logger } from 'pino';

const PHONE = /(?<!\d)(\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g;
// Building/unit/room forms residents use: 3-501, 3-2-501, 5栋302, 3号楼2单元501室, 幸福路12号
const ADDRESS = [
  /\d{1,3}\s*(?:栋|号楼|幢|座|楼)\s*(?:\d{1,2}\s*单元\s*)?\d{2,4}\s*(?:室|号)?/g,
  /(?<![\d.\-])\d{1,3}-(?:\d{1,2}-)?\d{2,4}(?![\d.\-])/g,
  /[\u4e00-\u9fa5]{1,10}(?:路|街|巷|弄)\d{1,5}号/g,
];

export function scrub(text: string): string {
  let out = text.replace(PHONE, '[手机号]');
  for (const re of ADDRESS) out = out.replace(re, '[地址]');
  return out;
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: scrub(value.message), stack: value.stack && scrub(value.stack) };
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  const pretty = !destination && process.stdout.isTTY && process.env.NODE_ENV !== 'test';
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['phone', 'address', '*.phone', '*.address'], censor: '[已隐藏]' },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrubDeep(a)) as Parameters<typeof method>);
        },
      },
      ...(pretty ? { transport: { target: 'pino-pretty', options: { destination: 2 } } } : {}),
    },
    destination ?? (pretty ? undefined : pino.destination(2)),
  );
}

export type { Logger };
