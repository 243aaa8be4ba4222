// A TrueType "glyph-zeroing" subset: every glyph the text does not use is emptied, glyph ids stay as they are, so
// cmap, hmtx and GPOS keep working unchanged. Why: resvg-js 2.6 takes fonts by path only and re-reads the font file
// for every text element it lays out; with the 10 MB Noto Sans SC that made a heat map with 160 cell labels take
// seconds. The subset is a few hundred KB (the tables other than glyf) plus the glyphs used.
// GSUB is dropped: a substitution could lead to a glyph that was emptied, and Chinese needs none for horizontal text.

interface Table { tag: string; data: Buffer }

function readTables(font: Buffer): Map<string, Buffer> {
  const tables = new Map<string, Buffer>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const rec = 12 + 16 * i;
    const offset = font.readUInt32BE(rec + 8);
    tables.set(font.toString('latin1', rec, rec + 4), font.subarray(offset, offset + font.readUInt32BE(rec + 12)));
  }
  return tables;
}

/** Code point → glyph id from the cmap's format 12 (full Unicode) subtable, else format 4 (BMP). */
function cmapLookup(cmap: Buffer): (cp: number) => number {
  const n = cmap.readUInt16BE(2);
  let f4 = -1;
  for (let i = 0; i < n; i++) {
    const off = cmap.readUInt32BE(4 + 8 * i + 4);
    const format = cmap.readUInt16BE(off);
    if (format === 12) {
      const groups = cmap.readUInt32BE(off + 12);
      return (cp) => {
        let lo = 0;
        let hi = groups - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const g = off + 16 + 12 * mid;
          const start = cmap.readUInt32BE(g);
          if (cp < start) hi = mid - 1;
          else if (cp > cmap.readUInt32BE(g + 4)) lo = mid + 1;
          else return cmap.readUInt32BE(g + 8) + cp - start;
        }
        return 0;
      };
    }
    if (format === 4) f4 = off;
  }
  if (f4 < 0) throw new Error('font has no cmap format 12 or 4 subtable');
  const segX2 = cmap.readUInt16BE(f4 + 6);
  const ends = f4 + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let s = 0; s < segX2; s += 2) {
      if (cp > cmap.readUInt16BE(ends + s)) continue;
      const start = cmap.readUInt16BE(starts + s);
      if (cp < start) return 0;
      const delta = cmap.readInt16BE(deltas + s);
      const ro = cmap.readUInt16BE(ranges + s);
      if (ro === 0) return (cp + delta) & 0xffff;
      const gid = cmap.readUInt16BE(ranges + s + ro + 2 * (cp - start));
      return gid === 0 ? 0 : (gid + delta) & 0xffff;
    }
    return 0;
  };
}

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    sum = (sum + ((data[i] << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0))) >>> 0;
  }
  return sum;
}

function writeFont(tables: Table[]): Buffer {
  tables.sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const n = tables.length;
  const entrySelector = Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(16 * 2 ** entrySelector, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(16 * n - 16 * 2 ** entrySelector, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    const rec = 12 + 16 * i;
    header.write(t.tag, rec, 4, 'latin1');
    header.writeUInt32BE(checksum(t.data), rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(t.data.length, rec + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

/** The font with only the glyphs of `text`'s characters (and .notdef) left drawn. */
export function subsetFont(font: Buffer, text: string): Buffer {
  const tables = readTables(font);
  const head = Buffer.from(tables.get('head')!);
  const glyf = tables.get('glyf')!;
  const loca = tables.get('loca')!;
  const numGlyphs = tables.get('maxp')!.readUInt16BE(4);
  const longLoca = head.readInt16BE(50) === 1;
  const glyphAt = (gid: number) => (longLoca
    ? [loca.readUInt32BE(4 * gid), loca.readUInt32BE(4 * gid + 4)]
    : [loca.readUInt16BE(2 * gid) * 2, loca.readUInt16BE(2 * gid + 2) * 2]);

  const lookup = cmapLookup(tables.get('cmap')!);
  const keep = new Set<number>([0]);
  const todo: number[] = [];
  for (const ch of new Set(text)) {
    const gid = lookup(ch.codePointAt(0)!);
    if (gid && !keep.has(gid)) { keep.add(gid); todo.push(gid); }
  }
  // Composite glyphs draw other glyphs: keep their components too.
  while (todo.length) {
    const [start, end] = glyphAt(todo.pop()!);
    if (end - start < 10 || glyf.readInt16BE(start) >= 0) continue;
    let p = start + 10;
    for (;;) {
      const flags = glyf.readUInt16BE(p);
      const component = glyf.readUInt16BE(p + 2);
      if (!keep.has(component)) { keep.add(component); todo.push(component); }
      p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) p += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
      if (!(flags & MORE_COMPONENTS)) break;
    }
  }

  const newLoca = Buffer.alloc(4 * (numGlyphs + 1));
  const pieces: Buffer[] = [];
  let size = 0;
  for (let gid = 0; gid < numGlyphs; gid++) {
    newLoca.writeUInt32BE(size, 4 * gid);
    if (!keep.has(gid)) continue;
    const [start, end] = glyphAt(gid);
    const data = Buffer.alloc((end - start + 3) & ~3); // 4-byte aligned glyphs
    glyf.copy(data, 0, start, end);
    pieces.push(data);
    size += data.length;
  }
  newLoca.writeUInt32BE(size, 4 * numGlyphs);
  head.writeInt16BE(1, 50); // indexToLocFormat: long offsets
  head.writeUInt32BE(0, 8); // checkSumAdjustment: not recomputed (renderers ignore it)

  const out: Table[] = [];
  for (const [tag, data] of tables) {
    if (tag === 'GSUB' || tag === 'glyf' || tag === 'loca' || tag === 'head') continue;
    out.push({ tag, data });
  }
  out.push({ tag: 'head', data: head }, { tag: 'glyf', data: Buffer.concat(pieces) }, { tag: 'loca', data: newLoca });
  return writeFont(out);
}
