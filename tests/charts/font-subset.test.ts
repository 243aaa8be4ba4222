// The per-image font subset draws exactly what the full Noto Sans SC draws, and nothing for characters it left out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { subsetFont } from '../../src/charts/font-subset.js';

const require = createRequire(import.meta.url);
const FULL = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-subset-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const svgOf = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="80">`
  + `<text x="10" y="56" style="font-size:40px;font-family:Noto Sans SC;font-weight:bold">${text}</text></svg>`;
const draw = (svg: string, font: string) =>
  new Resvg(svg, { font: { fontFiles: [font], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' }, background: '#fff' }).render().pixels;
const inked = (pixels: Buffer) => { let n = 0; for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) n++; return n; };

describe('font subset', () => {
  const text = '幸福里 3号楼 ¥38.20 ↑↓→ 目标 &lt; 8% (NPS)';
  const subsetFile = path.join(dir, 'subset.ttf');
  const subset = subsetFont(fs.readFileSync(FULL), '幸福里 3号楼 ¥38.20 ↑↓→ 目标 < 8% (NPS)');
  fs.writeFileSync(subsetFile, subset);

  it('is a small fraction of the full font and draws the same pixels for its characters', () => {
    expect(subset.length).toBeLessThan(fs.statSync(FULL).size / 10);
    const full = draw(svgOf(text), FULL);
    expect(inked(full)).toBeGreaterThan(3000);
    expect(draw(svgOf(text), subsetFile).equals(full)).toBe(true);
  });

  it('draws nothing for a character it left out', () => {
    expect(inked(draw(svgOf('号'), subsetFile))).toBeGreaterThan(300);
    expect(inked(draw(svgOf('团'), FULL))).toBeGreaterThan(300);
    expect(inked(draw(svgOf('团'), subsetFile))).toBe(0);
  });
});
