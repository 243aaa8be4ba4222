// Command-line flags by node:util parseArgs, with its errors said in Chinese.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type Parsed<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/** Parses `config.args` (strict unless the config says otherwise); on a bad flag or a stray argument returns the reason (Chinese) instead. */
export function parseFlags<T extends ParseArgsConfig>(config: T): { ok: true; value: Parsed<T> } | { ok: false; error: string } {
  try {
    return { ok: true, value: parseArgs(config) }; // strict by default
  } catch (err) {
    const e = err as { code?: string; message: string };
    const flag = /'(-[^']*)'/.exec(e.message)?.[1];
    const positional = /argument '([^']*)'/.exec(e.message)?.[1];
    switch (e.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return { ok: false, error: `不认识的参数 ${flag ?? ''}`.trim() };
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': return { ok: false, error: `参数 ${flag?.split(/[ ,]/)[0] ?? ''} 后面要写一个值`.trim() };
      case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': return { ok: false, error: `多余的参数 ${positional ?? ''}`.trim() };
      default: return { ok: false, error: e.message };
    }
  }
}
