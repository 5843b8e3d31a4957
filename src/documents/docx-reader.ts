/**
 * Reads a .docx back into what the format checker needs: sections (page size, margins, header references),
 * and the body as paragraphs and tables, each run with its resolved font, size, bold and italic (direct
 * formatting, then the run's and paragraph's styles, then the document defaults). Not a general OOXML
 * reader: what Decree 30's rules look at, for our documents and for documents made in Word.
 */
import { unzipSync, strFromU8 } from "fflate";
import { XMLParser } from "fast-xml-parser";

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", trimValues: false, parseTagValue: false, parseAttributeValue: false });

function toNodes(raw: unknown[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const item of raw as Record<string, unknown>[]) {
    const name = Object.keys(item).find((k) => k !== ":@")!;
    if (name === "#text") {
      out.push({ name, attrs: {}, children: [], text: String(item[name]) });
      continue;
    }
    if (name.startsWith("?")) continue;
    out.push({ name, attrs: (item[":@"] as Record<string, string>) ?? {}, children: toNodes(item[name] as unknown[]), text: "" });
  }
  return out;
}

export function parseXml(xml: string): XmlNode[] {
  return toNodes(parser.parse(xml) as unknown[]);
}

export const child = (node: XmlNode | undefined, name: string) => node?.children.find((c) => c.name === name);
export const childrenNamed = (node: XmlNode | undefined, name: string) => node?.children.filter((c) => c.name === name) ?? [];
export function descendants(node: XmlNode, name: string, out: XmlNode[] = []): XmlNode[] {
  for (const c of node.children) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}
const val = (node: XmlNode | undefined, attr = "w:val") => node?.attrs[attr];
/** A toggle property (<w:b/>, <w:b w:val="false"/>): undefined when absent. */
function toggle(node: XmlNode | undefined): boolean | undefined {
  if (!node) return undefined;
  const v = val(node);
  return v === undefined || !["0", "false", "off"].includes(v);
}

export interface RunProps {
  font?: string;
  sizePt?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface Run extends Required<Omit<RunProps, "font" | "sizePt">> {
  text: string;
  font: string | null;
  sizePt: number | null;
}

export interface DocParagraph {
  kind: "paragraph";
  text: string;
  runs: Run[];
  alignment: string | null;
  indent: { left: number; right: number; firstLine: number };
  /** A bottom border (a drawn line), in eighths of a point. */
  bottomBorder: number | null;
  /** Widths in mm of lines drawn as shapes in the paragraph (DrawingML or VML). */
  shapeLinesMm: number[];
  hasPageField: boolean;
  node: XmlNode;
}

export interface DocTable {
  kind: "table";
  gridTwips: number[];
  cellMarginTwips: { left: number; right: number };
  bordered: boolean;
  rows: { cantSplit: boolean; header: boolean; cells: { widthTwips: number; blocks: (DocParagraph | DocTable)[] }[] }[];
}

export interface DocSection {
  widthTwips: number;
  heightTwips: number;
  orientation: string;
  margins: Record<"top" | "bottom" | "left" | "right", number>;
  titlePage: boolean;
  headers: { type: string; hasPageField: boolean }[];
}

export interface ReadDocument {
  blocks: (DocParagraph | DocTable)[];
  sections: DocSection[];
}

interface StyleDef {
  basedOn?: string;
  run: RunProps;
}

function runPropsOf(rPr: XmlNode | undefined, theme: Record<string, string>): RunProps {
  if (!rPr) return {};
  const fonts = child(rPr, "w:rFonts");
  const themeFont = fonts?.attrs["w:asciiTheme"] ?? fonts?.attrs["w:hAnsiTheme"];
  // Word uses the theme's font when a run names one, whatever w:ascii says.
  const font = (themeFont ? theme[themeFont.startsWith("major") ? "major" : "minor"] : undefined) ?? fonts?.attrs["w:ascii"] ?? fonts?.attrs["w:hAnsi"];
  const sz = val(child(rPr, "w:sz"));
  const u = child(rPr, "w:u");
  const props: RunProps = {};
  if (font) props.font = font;
  if (sz) props.sizePt = Number(sz) / 2;
  const bold = toggle(child(rPr, "w:b"));
  const italic = toggle(child(rPr, "w:i"));
  if (bold !== undefined) props.bold = bold;
  if (italic !== undefined) props.italic = italic;
  if (u) props.underline = val(u) !== "none";
  return props;
}

function readStyles(xml: string | null, theme: Record<string, string>) {
  const styles = new Map<string, StyleDef>();
  let defaults: RunProps = {};
  let defaultParagraphStyle: string | undefined;
  if (!xml) return { styles, defaults, defaultParagraphStyle };
  const root = parseXml(xml).find((n) => n.name === "w:styles");
  if (!root) return { styles, defaults, defaultParagraphStyle };
  defaults = runPropsOf(child(child(child(root, "w:docDefaults"), "w:rPrDefault"), "w:rPr"), theme);
  for (const s of childrenNamed(root, "w:style")) {
    const id = s.attrs["w:styleId"];
    if (!id) continue;
    const basedOn = val(child(s, "w:basedOn"));
    styles.set(id, { ...(basedOn ? { basedOn } : {}), run: runPropsOf(child(s, "w:rPr"), theme) });
    if (s.attrs["w:type"] === "paragraph" && ["1", "true"].includes(s.attrs["w:default"] ?? "")) defaultParagraphStyle = id;
  }
  return { styles, defaults, defaultParagraphStyle };
}

function readTheme(xml: string | null): Record<string, string> {
  if (!xml) return {};
  const major = /<a:majorFont>\s*<a:latin typeface="([^"]*)"/.exec(xml)?.[1];
  const minor = /<a:minorFont>\s*<a:latin typeface="([^"]*)"/.exec(xml)?.[1];
  return { ...(major ? { major } : {}), ...(minor ? { minor } : {}) };
}

const EMU_PER_MM = 36000;

/** A paragraph's runs in reading order, inside hyperlinks, insertions, content controls and smart tags; deleted text is not read. */
function runsInOrder(p: XmlNode, out: XmlNode[] = []): XmlNode[] {
  for (const c of p.children) {
    if (c.name === "w:r") out.push(c);
    else if (["w:hyperlink", "w:ins", "w:smartTag", "w:fldSimple", "w:customXml", "w:sdtContent"].includes(c.name)) runsInOrder(c, out);
    else if (c.name === "w:sdt") runsInOrder(child(c, "w:sdtContent") ?? c, out);
  }
  return out;
}

/** The parts the checker reads; nothing else in the package is unpacked. */
const PARTS = /^word\/(document|styles|header\d+|theme\/theme1)\.xml$|^word\/_rels\/document\.xml\.rels$/;
/**
 * What the parts may unpack to, each and together, checked on the sizes the zip declares before anything is
 * unpacked (fflate stops at the declared size): a real plan's document.xml is a few hundred KB.
 */
const MAX_PART_BYTES = 10 * 1024 * 1024;
const MAX_TOTAL_BYTES = 20 * 1024 * 1024;

/** A .docx the checker cannot read: not a Word package, too large unpacked, or XML it refuses. */
export class NotADocx extends Error {
  constructor() {
    super("not-a-docx");
  }
}

export function readDocx(bytes: Uint8Array): ReadDocument {
  try {
    return read(bytes);
  } catch (error) {
    // Anything a malformed package throws (bad zip, bad XML, nesting too deep) means the same to the user.
    if (error instanceof NotADocx || error instanceof Error) throw new NotADocx();
    throw error;
  }
}

function read(bytes: Uint8Array): ReadDocument {
  let total = 0;
  const files = unzipSync(bytes, {
    filter: (f) => {
      if (!PARTS.test(f.name)) return false;
      total += f.originalSize;
      if (f.originalSize > MAX_PART_BYTES || total > MAX_TOTAL_BYTES) throw new NotADocx();
      return true;
    },
  });
  // Word never writes a DOCTYPE; one in a part can only be an entity trick.
  const file = (path: string) => {
    if (!files[path]) return null;
    const xml = strFromU8(files[path]);
    if (/<!DOCTYPE/i.test(xml)) throw new NotADocx();
    return xml;
  };
  const documentXml = file("word/document.xml");
  if (!documentXml) throw new NotADocx();
  const theme = readTheme(file("word/theme/theme1.xml"));
  const { styles, defaults, defaultParagraphStyle } = readStyles(file("word/styles.xml"), theme);
  const rels = new Map<string, string>();
  for (const m of (file("word/_rels/document.xml.rels") ?? "").matchAll(/<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)) rels.set(m[1]!, m[2]!);
  for (const m of (file("word/_rels/document.xml.rels") ?? "").matchAll(/<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"/g)) rels.set(m[2]!, m[1]!);

  function styleChain(id: string | undefined): RunProps {
    const chain: RunProps[] = [];
    const seen = new Set<string>();
    while (id && !seen.has(id)) {
      seen.add(id);
      const s = styles.get(id);
      if (!s) break;
      chain.unshift(s.run);
      id = s.basedOn;
    }
    return Object.assign({}, ...chain) as RunProps;
  }

  function paragraph(p: XmlNode): DocParagraph {
    const pPr = child(p, "w:pPr");
    const paraStyle = styleChain(val(child(pPr, "w:pStyle")) ?? defaultParagraphStyle);
    const runs: Run[] = [];
    const runNodes = runsInOrder(p);
    for (const r of runNodes) {
      const rPr = child(r, "w:rPr");
      const props: RunProps = { ...defaults, ...paraStyle, ...styleChain(val(child(rPr, "w:rStyle"))), ...runPropsOf(rPr, theme) };
      let text = "";
      for (const c of r.children) {
        if (c.name === "w:t") text += c.children.map((t) => t.text).join("");
        else if (c.name === "w:tab") text += "\t";
        else if (c.name === "w:br" || c.name === "w:cr") text += "\n";
      }
      runs.push({ text, font: props.font ?? null, sizePt: props.sizePt ?? null, bold: props.bold ?? false, italic: props.italic ?? false, underline: props.underline ?? false });
    }
    const ind = child(pPr, "w:ind");
    const num = (v: string | undefined) => (v ? Number(v) : 0);
    const bottom = child(child(pPr, "w:pBdr"), "w:bottom");
    const extents = descendants(p, "wp:extent").map((e) => Number(e.attrs["cx"] ?? 0) / EMU_PER_MM);
    const vmlLines = descendants(p, "v:line").map((l) => {
      const from = (l.attrs["from"] ?? "0,0").split(",").map(parseFloat);
      const to = (l.attrs["to"] ?? "0,0").split(",").map(parseFloat);
      return Math.abs((to[0] ?? 0) - (from[0] ?? 0)) * (25.4 / 72);
    });
    const fieldCodes = descendants(p, "w:instrText").map((n) => n.children.map((t) => t.text).join("")).join(" ") + descendants(p, "w:fldSimple").map((n) => n.attrs["w:instr"] ?? "").join(" ");
    return {
      kind: "paragraph",
      text: runs.map((r) => r.text).join(""),
      runs,
      alignment: val(child(pPr, "w:jc")) ?? null,
      indent: { left: num(ind?.attrs["w:left"] ?? ind?.attrs["w:start"]), right: num(ind?.attrs["w:right"] ?? ind?.attrs["w:end"]), firstLine: num(ind?.attrs["w:firstLine"]) },
      bottomBorder: bottom && val(bottom) !== "none" && val(bottom) !== "nil" ? Number(bottom.attrs["w:sz"] ?? 4) : null,
      shapeLinesMm: [...extents, ...vmlLines].filter((w) => w > 0),
      hasPageField: /\bPAGE\b/.test(fieldCodes),
      node: p,
    };
  }

  function table(t: XmlNode): DocTable {
    const tblPr = child(t, "w:tblPr");
    const gridTwips = childrenNamed(child(t, "w:tblGrid"), "w:gridCol").map((g) => Number(g.attrs["w:w"] ?? 0));
    const mar = child(tblPr, "w:tblCellMar");
    const margin = (side: string) => {
      const m = child(mar, `w:${side}`) ?? child(mar, side === "left" ? "w:start" : "w:end");
      return m ? Number(m.attrs["w:w"] ?? 0) : 108; // Word's default cell padding (0.19 cm)
    };
    const borders = child(tblPr, "w:tblBorders");
    const bordered = !!borders && borders.children.some((b) => !["none", "nil"].includes(val(b) ?? "none"));
    return {
      kind: "table",
      gridTwips,
      cellMarginTwips: { left: margin("left"), right: margin("right") },
      bordered,
      rows: childrenNamed(t, "w:tr").map((tr) => {
        const trPr = child(tr, "w:trPr");
        return {
          cantSplit: toggle(child(trPr, "w:cantSplit")) ?? false,
          header: toggle(child(trPr, "w:tblHeader")) ?? false,
          cells: cellsOf(tr, gridTwips),
        };
      }),
    };
  }

  /** Each cell's width in twips from the table grid and its span (a cell's own tcW may be a percentage or missing). */
  function cellsOf(tr: XmlNode, gridTwips: number[]) {
    let column = 0;
    return childrenNamed(tr, "w:tc").map((tc) => {
      const tcPr = child(tc, "w:tcPr");
      const span = Number(val(child(tcPr, "w:gridSpan")) ?? 1);
      const fromGrid = gridTwips.slice(column, column + span).reduce((a, b) => a + b, 0);
      const tcW = child(tcPr, "w:tcW");
      column += span;
      const own = tcW && (tcW.attrs["w:type"] ?? "dxa") === "dxa" ? Number(tcW.attrs["w:w"] ?? 0) : 0;
      return { widthTwips: fromGrid || own, blocks: blocksOf(tc) };
    });
  }

  function blocksOf(parent: XmlNode): (DocParagraph | DocTable)[] {
    const out: (DocParagraph | DocTable)[] = [];
    for (const c of parent.children) {
      if (c.name === "w:p") out.push(paragraph(c));
      else if (c.name === "w:tbl") out.push(table(c));
      else if (c.name === "w:sdt") out.push(...blocksOf(child(c, "w:sdtContent") ?? c));
    }
    return out;
  }

  const root = parseXml(documentXml).find((n) => n.name === "w:document");
  const bodyNode = child(root, "w:body");
  if (!bodyNode) throw new NotADocx();
  const sections = [...descendants(bodyNode, "w:sectPr")].map((s): DocSection => {
    const pgSz = child(s, "w:pgSz");
    const pgMar = child(s, "w:pgMar");
    const m = (side: string) => Math.abs(Number(pgMar?.attrs[`w:${side}`] ?? 0));
    return {
      widthTwips: Number(pgSz?.attrs["w:w"] ?? 0),
      heightTwips: Number(pgSz?.attrs["w:h"] ?? 0),
      orientation: pgSz?.attrs["w:orient"] ?? "portrait",
      margins: { top: m("top"), bottom: m("bottom"), left: m("left"), right: m("right") },
      titlePage: toggle(child(s, "w:titlePg")) ?? false,
      headers: childrenNamed(s, "w:headerReference").map((h) => {
        const target = rels.get(h.attrs["r:id"] ?? "");
        const xml = target ? file(`word/${target.replace(/^\/?word\//, "")}`) : null;
        return { type: h.attrs["w:type"] ?? "default", hasPageField: !!xml && /PAGE/.test(xml.replace(/NUMPAGES|SECTIONPAGES/g, "")) };
      }),
    };
  });
  return { blocks: blocksOf(bodyNode), sections };
}
