// The CJK font every chart is drawn with: Noto Sans SC from an npm package, so a fresh `npm install` renders Chinese
// the same as this machine (system fonts are never consulted).
//
// resvg-js 2.6 takes fonts by file path only and re-reads the file for every text element it lays out: with the
// 10 MB font that is ~20 ms per label, seconds for a heat map. So the two font files are read once into memory, and
// each image is drawn with a subset holding only its own characters (font-subset.ts), written once per character set
// to a private temp folder and reused while it is recent.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { subsetFont } from './font-subset.js';

export const FONT_FAMILY = 'Noto Sans SC';

const FACES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
/** Subset pairs kept on disk; the least recently used beyond this is deleted. */
const KEEP_SUBSETS = 16;

let fonts: { name: string; data: Buffer }[] | undefined;
let dir: string | undefined;
const subsets = new Map<string, string[]>(); // character-set hash → subset paths, in least-recently-used order

/** The full font files, resolved and read once per process. */
function fullFonts() {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    fonts = Object.entries(FACES).map(([name, spec]) => ({ name, data: fs.readFileSync(require.resolve(spec)) }));
  }
  return fonts;
}

const alive = (pid: number) => {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
};

/** A temp folder named for this process; removed at exit, and any left by a killed process is removed here. */
function subsetDir(): string {
  if (!dir) {
    for (const name of fs.readdirSync(os.tmpdir())) {
      const m = /^lintuan-fonts-(\d+)-/.exec(name);
      if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
    const made = fs.mkdtempSync(path.join(os.tmpdir(), `lintuan-fonts-${process.pid}-`));
    process.once('exit', () => fs.rmSync(made, { recursive: true, force: true }));
    dir = made;
  }
  return dir;
}

/** Every character an SVG can show: its raw text, what its numeric entities stand for, and all of printable ASCII. */
function charactersOf(svg: string): string {
  const chars = new Set(svg);
  for (const m of svg.matchAll(/&#(x[0-9a-f]+|\d+);/gi)) {
    chars.add(String.fromCodePoint(m[1][0].toLowerCase() === 'x' ? parseInt(m[1].slice(1), 16) : Number(m[1])));
  }
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
  return [...chars].sort().join('');
}

/** resvg font options for drawing `svg`: regular and bold subsets holding the SVG's characters. */
export function fontOptionsFor(svg: string): NonNullable<ResvgRenderOptions['font']> {
  const chars = charactersOf(svg);
  const key = crypto.createHash('sha1').update(chars).digest('hex').slice(0, 16);
  let files = subsets.get(key);
  if (files) {
    subsets.delete(key);
  } else {
    files = fullFonts().map(({ name, data }) => {
      const file = path.join(subsetDir(), `${key}-${name}.ttf`);
      fs.writeFileSync(file, subsetFont(data, chars));
      return file;
    });
    while (subsets.size >= KEEP_SUBSETS) {
      const [oldKey, oldFiles] = subsets.entries().next().value!;
      subsets.delete(oldKey);
      for (const f of oldFiles) fs.rmSync(f, { force: true });
    }
  }
  subsets.set(key, files);
  return {
    fontFiles: files,
    loadSystemFonts: false,
    // ECharts writes "sans-serif" for text without its own family (graphic elements): map it to the same font.
    defaultFontFamily: FONT_FAMILY,
    sansSerifFamily: FONT_FAMILY,
  };
}
