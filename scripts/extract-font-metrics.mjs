#!/usr/bin/env node
/**
 * Writes data/documents/times-metrics.json: the advance widths of the characters Vietnamese documents use,
 * read from Liberation Serif (metric-compatible with Times New Roman: same advance widths by design). The
 * document builder sizes the lines Decree 30 draws under the motto and the titles from them, and the format
 * checker measures whether the national title fits its column on one line.
 *
 *   node scripts/extract-font-metrics.mjs [/usr/share/fonts/truetype/liberation2]
 *
 * Debian: fonts-liberation2. Run again only when the character set below changes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "/usr/share/fonts/truetype/liberation2";
const VIETNAMESE =
  "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ" +
  "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
const EXTRA = "–—‘’“”…•×÷≤≥→";
const chars = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), ...VIETNAMESE, ...EXTRA];

function tables(buf) {
  const count = buf.readUInt16BE(4);
  const out = {};
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    out[buf.toString("latin1", at, at + 4)] = buf.readUInt32BE(at + 8);
  }
  return out;
}

/** Unicode → glyph id from the format 4 (BMP) subtable of cmap. */
function glyphIds(buf, cmap) {
  const n = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < n; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const sub = cmap + buf.readUInt32BE(rec + 4);
    if (platform !== 3 || encoding !== 1 || buf.readUInt16BE(sub) !== 4) continue;
    const segX2 = buf.readUInt16BE(sub + 6);
    const ends = sub + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const offsets = deltas + segX2;
    return (code) => {
      for (let s = 0; s < segX2 / 2; s++) {
        const end = buf.readUInt16BE(ends + s * 2);
        if (code > end) continue;
        const start = buf.readUInt16BE(starts + s * 2);
        if (code < start) return 0;
        const delta = buf.readInt16BE(deltas + s * 2);
        const rangeOffset = buf.readUInt16BE(offsets + s * 2);
        if (rangeOffset === 0) return (code + delta) & 0xffff;
        const glyph = buf.readUInt16BE(offsets + s * 2 + rangeOffset + (code - start) * 2);
        return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
      }
      return 0;
    };
  }
  throw new Error("no Unicode BMP cmap");
}

function widths(file) {
  const buf = readFileSync(file);
  const t = tables(buf);
  const unitsPerEm = buf.readUInt16BE(t.head + 18);
  const hMetrics = buf.readUInt16BE(t.hhea + 34);
  const glyph = glyphIds(buf, t.cmap);
  const advance = (id) => buf.readUInt16BE(t.hmtx + Math.min(id, hMetrics - 1) * 4);
  const out = {};
  for (const ch of chars) {
    const id = glyph(ch.codePointAt(0));
    if (id === 0) continue;
    out[ch] = Math.round((advance(id) / unitsPerEm) * 1000);
  }
  return out;
}

const metrics = {
  source: "Liberation Serif 2 (Debian fonts-liberation2, SIL Open Font License 1.1), metric-compatible with Times New Roman",
  unit: "1/1000 em",
  regular: widths(join(dir, "LiberationSerif-Regular.ttf")),
  bold: widths(join(dir, "LiberationSerif-Bold.ttf")),
};
writeFileSync(new URL("../data/documents/times-metrics.json", import.meta.url), `${JSON.stringify(metrics)}\n`);
console.log(`${Object.keys(metrics.regular).length} regular, ${Object.keys(metrics.bold).length} bold widths written`);
