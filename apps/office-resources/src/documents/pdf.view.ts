import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { degrees, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import subsetFont from 'subset-font';
import { chineseDate, classificationMark, URGENCY_ZH } from './document.rules.ts';
import type { OfficialDocument } from './document.service.ts';

/*
 * An official document laid out after GB/T 9704-2012 党政机关公文格式:
 * - 5.2.1 A4 (210 mm x 297 mm); 5.2.2 天头 37 mm, 订口 28 mm, type area (版心) 156 mm x 225 mm;
 * - 6.2 3号 (16 pt) body, 22 lines of 28 characters;
 * - 7.2 版头: 份号, 密级和保密期限, 紧急程度 at the top left; the red issuer mark (发文机关标志) centred,
 *   its top 35 mm below the type area's top; the document number two lines below it (for an upward
 *   document flush left, with 签发人 on the right); the red separator line 4 mm below the number, as
 *   wide as the type area;
 * - 7.3 主体: title (2号) two lines below the line, addressee, body paragraphs indented two
 *   characters, attachment notes, issuer and date with the seal over them (7.3.5.1: the date four
 *   characters from the right, the issuer centred above it, the seal centred over both, pressing
 *   down on them), notes (附注) in brackets;
 * - 7.4 版记 at the foot of the last page: 抄送 and 印发机关/印发日期 between separator lines;
 * - 7.5 page numbers "— n —" (4号) 7 mm below the type area, right on odd pages, left on even.
 * The fonts the standard names (方正小标宋, 仿宋_GB2312, 黑体, 楷体) are not free; Noto Serif SC (SIL
 * OFL, from the @expo-google-fonts/noto-serif-sc package) stands in for all of them, bold for the
 * 小标宋 and 黑体 elements, embedded as a subset of the characters used. The subset is made by
 * HarfBuzz (subset-font): pdf-lib's own subsetting (fontkit) drops the components of composite
 * glyphs, which most CJK glyphs of this font are, and those characters printed blank.
 */

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const AREA = { left: 28 * MM, top: 297 * MM - 37 * MM, width: 156 * MM, height: 225 * MM };
const BODY_PT = 16;
const LINE = AREA.height / 22;
const RED = rgb(0.86, 0.08, 0.1);
const BLACK = rgb(0, 0, 0);

const require = createRequire(import.meta.url);
const fontFiles = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
};
const fontBytes = new Map<string, Promise<Uint8Array>>();
const loadFont = (path: string) => {
  let bytes = fontBytes.get(path);
  if (!bytes) {
    bytes = readFile(require.resolve(path));
    fontBytes.set(path, bytes);
  }
  return bytes;
};

/** Every character the layout draws besides the document's own text. */
const LAYOUT_CHARACTERS = '文件（未编号）签发人：　附件1234567890.抄送，。印发年月日—★秘密机绝特加急';

/** The characters `doc` needs, so the embedded fonts hold those glyphs and no others. */
function charactersOf(doc: OfficialDocument, holder: string | undefined): string {
  const used = new Set(
    [
      JSON.stringify([doc.issuer, doc.number, doc.title, doc.body, doc.addressees, doc.copiesTo]),
      doc.attachments.join(''),
      doc.notes ?? '',
      doc.printingOffice,
      doc.signatories.join(''),
      doc.copyNumber ?? '',
      holder ?? '',
      LAYOUT_CHARACTERS,
    ].join(''),
  );
  return [...used].join('');
}

export interface RenderOptions {
  /** Draw the agency's seal over the issuer and date, with this name on its ring. */
  seal?: { holder: string } | undefined;
  /** The PDF's creation time (the time of sealing). */
  at: Date;
}

/** Breaks `text` into lines no wider than `width`, character by character (Chinese has no spaces to wait for). */
function wrap(text: string, font: PDFFont, size: number, width: number, firstIndent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  let room = width - firstIndent;
  for (const ch of text) {
    if (font.widthOfTextAtSize(line + ch, size) > room) {
      lines.push(line);
      line = '';
      room = width;
    }
    line += ch;
  }
  lines.push(line);
  return lines;
}

/** A page cursor over the type area, line by line (22 lines a page), adding pages as it fills. */
class Flow {
  page: PDFPage;
  line = 0;
  pages: PDFPage[] = [];
  constructor(private readonly pdf: PDFDocument) {
    this.page = this.newPage();
  }
  private newPage() {
    const page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pages.push(page);
    this.line = 0;
    return page;
  }
  /** The baseline of the current line, starting a new page when the area is full. */
  baseline(lines = 1): number {
    if (this.line + lines > 22) this.page = this.newPage();
    return AREA.top - this.line * LINE - (LINE + BODY_PT) / 2 + 2;
  }
  advance(lines = 1) {
    this.line += lines;
  }
}

/**
 * Renders `doc` to PDF bytes. Pure: the same document, options and fonts give the same layout.
 *
 * @example
 * const pdf = await renderDocumentPdf(doc, { seal: { holder: '国务院办公厅' }, at: new Date() });
 */
export async function renderDocumentPdf(doc: OfficialDocument, options: RenderOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const characters = charactersOf(doc, options.seal?.holder);
  const subset = async (path: string) =>
    pdf.embedFont(
      await subsetFont(Buffer.from(await loadFont(path)), characters, { targetFormat: 'truetype' }),
      {
        subset: false,
      },
    );
  const regular = await subset(fontFiles.regular);
  const bold = await subset(fontFiles.bold);
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setAuthor(doc.issuer);
  pdf.setSubject(doc.number ?? 'draft');
  pdf.setProducer('egov office-resources (GB/T 9704-2012 layout)');
  pdf.setCreator('egov office-resources');
  pdf.setCreationDate(options.at);
  pdf.setModificationDate(options.at);

  const flow = new Flow(pdf);
  const text = (s: string, x: number, y: number, font = regular, size = BODY_PT, color = BLACK) =>
    flow.page.drawText(s, { x, y, font, size, color });
  const centred = (s: string, y: number, font: PDFFont, size: number, color = BLACK) =>
    text(s, AREA.left + (AREA.width - font.widthOfTextAtSize(s, size)) / 2, y, font, size, color);
  const right = (s: string, y: number, chars: number, font = regular, size = BODY_PT) =>
    text(s, AREA.left + AREA.width - chars * size - font.widthOfTextAtSize(s, size), y, font, size);

  // 版头: 份号, 密级和保密期限, 紧急程度, each on its own line at the top left.
  const headLines = [
    doc.copyNumber ?? '',
    classificationMark(doc.classification, doc.secrecyTermYears),
    URGENCY_ZH[doc.urgency],
  ].filter(Boolean);
  for (const [i, s] of headLines.entries())
    text(s, AREA.left, AREA.top - (i + 1) * LINE + 8, i === 0 ? regular : bold);

  // The red issuer mark, its top 35 mm below the type area's top, at most 15 mm tall.
  const mark = `${doc.issuer}文件`;
  const markSize = Math.min(15 * MM, AREA.width / (bold.widthOfTextAtSize(mark, 1) * 1.05));
  const markBaseline = AREA.top - 35 * MM - markSize * 0.88;
  centred(mark, markBaseline, bold, markSize, RED);

  // The document number two lines below the mark; for an upward document, flush left with 签发人 on the right.
  const numberBaseline = markBaseline - 2 * LINE;
  const number = doc.number ?? '（未编号）';
  if (doc.direction === 'upward' && doc.signatories.length) {
    text(number, AREA.left + BODY_PT, numberBaseline);
    right(`签发人：${doc.signatories.join('　')}`, numberBaseline, 1);
  } else centred(number, numberBaseline, regular, BODY_PT);
  const lineY = numberBaseline - 4 * MM - 2;
  flow.page.drawLine({
    start: { x: AREA.left, y: lineY },
    end: { x: AREA.left + AREA.width, y: lineY },
    thickness: 1,
    color: RED,
  });
  flow.line = Math.ceil((AREA.top - lineY) / LINE) + 1;

  // Title, 2号 (22 pt) bold, centred, wrapped.
  for (const l of wrap(doc.title, bold, 22, AREA.width - 4 * BODY_PT)) {
    centred(l, flow.baseline(), bold, 22);
    flow.advance();
  }
  flow.advance();
  if (doc.addressees.length) {
    for (const l of wrap(`${doc.addressees.map((a) => a.name).join('，')}：`, regular, BODY_PT, AREA.width)) {
      text(l, AREA.left, flow.baseline());
      flow.advance();
    }
  }
  for (const paragraph of doc.body.split(/\r?\n/).filter((p) => p.trim())) {
    const lines = wrap(paragraph.trim(), regular, BODY_PT, AREA.width, 2 * BODY_PT);
    for (const [i, l] of lines.entries()) {
      text(l, AREA.left + (i === 0 ? 2 * BODY_PT : 0), flow.baseline());
      flow.advance();
    }
  }
  if (doc.attachments.length) {
    flow.advance();
    for (const [i, a] of doc.attachments.entries()) {
      const label =
        doc.attachments.length === 1 ? `附件：${a}` : `${i === 0 ? '附件：' : '　　　'}${i + 1}.${a}`;
      text(label, AREA.left + 2 * BODY_PT, flow.baseline());
      flow.advance();
    }
  }

  // Issuer and date (7.3.5.1), keeping them and the seal on one page: four lines are needed.
  flow.advance(2);
  const dateText = doc.datedOn ? chineseDate(doc.datedOn) : '（未签发）';
  const dateWidth = regular.widthOfTextAtSize(dateText, BODY_PT);
  const dateX = AREA.left + AREA.width - 4 * BODY_PT - dateWidth;
  const issuerBaseline = flow.baseline(3);
  const issuerX = dateX + (dateWidth - regular.widthOfTextAtSize(doc.issuer, BODY_PT)) / 2;
  text(doc.issuer, issuerX, issuerBaseline);
  flow.advance();
  const dateBaseline = flow.baseline();
  text(dateText, dateX, dateBaseline);
  flow.advance();
  if (options.seal)
    drawSeal(
      flow.page,
      bold,
      options.seal.holder,
      dateX + dateWidth / 2,
      (issuerBaseline + dateBaseline) / 2 + 6,
    );
  if (doc.notes) {
    flow.advance();
    for (const l of wrap(`（${doc.notes}）`, regular, BODY_PT, AREA.width, 2 * BODY_PT)) {
      text(l, AREA.left + 2 * BODY_PT, flow.baseline());
      flow.advance();
    }
  }

  // 版记 at the foot of the last page: thick lines first and last, a thin one between, 4号 (14 pt).
  const noteLines = doc.copiesTo.length ? 2 : 1;
  if (flow.line + noteLines + 1 > 22) flow.baseline(23);
  const foot = AREA.top - AREA.height;
  const small = 14;
  const rule = (y: number, thickness: number) =>
    flow.page.drawLine({
      start: { x: AREA.left, y },
      end: { x: AREA.left + AREA.width, y },
      thickness,
      color: BLACK,
    });
  rule(foot + noteLines * LINE, 0.35 * MM);
  if (doc.copiesTo.length) {
    text(
      `抄送：${doc.copiesTo.map((c) => c.name).join('，')}。`,
      AREA.left + small,
      foot + LINE + 8,
      regular,
      small,
    );
    rule(foot + LINE, 0.25 * MM);
  }
  text(doc.printingOffice, AREA.left + small, foot + 8, regular, small);
  const printed = `${doc.printedOn ? chineseDate(doc.printedOn) : ''}印发`;
  text(
    printed,
    AREA.left + AREA.width - small - regular.widthOfTextAtSize(printed, small),
    foot + 8,
    regular,
    small,
  );
  rule(foot, 0.35 * MM);

  // Page numbers, 7 mm below the type area: right on odd pages, left on even ones.
  for (const [i, page] of flow.pages.entries()) {
    const label = `— ${i + 1} —`;
    const w = regular.widthOfTextAtSize(label, small);
    const x = i % 2 === 0 ? AREA.left + AREA.width - small - w : AREA.left + small;
    page.drawText(label, { x, y: foot - 7 * MM - small, font: regular, size: small, color: BLACK });
  }
  return pdf.save();
}

/** A round agency seal: red ring, the holder's name along the upper arc, a star in the middle (42 mm). */
function drawSeal(page: PDFPage, font: PDFFont, holder: string, cx: number, cy: number) {
  const r = 21 * MM;
  page.drawCircle({
    x: cx,
    y: cy,
    size: r,
    borderColor: RED,
    borderWidth: 1.2 * MM,
    opacity: 0,
    borderOpacity: 0.85,
  });
  const star: string[] = [];
  for (let i = 0; i < 10; i++) {
    const a = Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? 7 * MM : 2.8 * MM;
    star.push(`${i === 0 ? 'M' : 'L'} ${(rr * Math.cos(a)).toFixed(2)} ${(-rr * Math.sin(a)).toFixed(2)}`);
  }
  page.drawSvgPath(`${star.join(' ')} Z`, { x: cx, y: cy, color: RED, opacity: 0.85 });
  const chars = [...holder];
  const size = 4.6 * MM;
  const span = Math.min(240, chars.length * 24);
  for (const [i, ch] of chars.entries()) {
    const angle = 90 + span / 2 - (chars.length === 1 ? span / 2 : (i * span) / (chars.length - 1));
    const rad = (angle * Math.PI) / 180;
    const rr = r - 1.2 * MM - size;
    const w = font.widthOfTextAtSize(ch, size);
    // Each character upright towards the centre: rotated by (angle - 90), its origin shifted half a width.
    const rot = ((angle - 90) * Math.PI) / 180;
    const x = cx + rr * Math.cos(rad) - (w / 2) * Math.cos(rot);
    const y = cy + rr * Math.sin(rad) - (w / 2) * Math.sin(rot);
    page.drawText(ch, { x, y, font, size, color: RED, rotate: degrees(angle - 90), opacity: 0.85 });
  }
}
