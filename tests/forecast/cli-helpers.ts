// Runs the real `lintuan forecast` CLI on files in a temporary folder.
import { expect } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { TEST_CLOCK_ENV } from '../helpers/harness.js';
import { runForecastCli } from '../../src/forecast/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/lintuan.js');

export interface CliResult { status: number | null; stdout: string; stderr: string }

export { tempDir, writeFile } from './files.js';

/** Async, so independent runs can go side by side. */
export function runCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'forecast', ...args], { env: { ...process.env, ...TEST_CLOCK_ENV, LOG_LEVEL: 'warn' } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (b) => { stdout += b; });
    child.stderr.on('data', (b) => { stderr += b; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The CLI's function with captured streams (no process start: for the many small bad-input cases). */
export async function runInProcess(args: string[]): Promise<CliResult> {
  let stdout = '', stderr = '';
  const sink = (add: (s: string) => void) => new Writable({ write(chunk, _enc, done) { add(String(chunk)); done(); } });
  const status = await runForecastCli(args, sink((s) => { stdout += s; }), sink((s) => { stderr += s; }));
  return { status, stdout, stderr };
}

/** The backtest table: window rows and the overall row. */
export function parseBacktest(stdout: string): Array<{ cutoff: string; days: number; model: number; lastWeek: number; lastYear: number }> {
  const lines = stdout.split('\n');
  expect(lines[0]).toBe('cutoff,from,to,days,model_wape,last_week_wape,last_year_wape');
  const rows = [];
  for (const l of lines.slice(1)) {
    if (l === '') break;
    const [cutoff, , , days, model, lw, ly] = l.split(',');
    rows.push({ cutoff: cutoff!, days: Number(days), model: Number(model), lastWeek: Number(lw), lastYear: Number(ly) });
  }
  return rows;
}
