import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * The codes staff stick on the ports: a PNG per port, and an A4 sheet of labels to print. Error
 * correction level Q survives the scratches and rain stains of an outdoor charging shed.
 */

const QR_OPTIONS = { errorCorrectionLevel: 'Q', margin: 2 } as const;

// Koa sends a Buffer as bytes (a bare Uint8Array would be JSON); these own plain ArrayBuffers.
type Bytes = Buffer<ArrayBuffer>;

export async function portQrPng(payload: string): Promise<Bytes> {
  return (await QRCode.toBuffer(payload, { ...QR_OPTIONS, type: 'png', width: 600 })) as Bytes;
}

export interface QrLabel {
  /** What the QR encodes. */
  readonly payload: string;
  /** Printed large under the QR, for residents who type the code instead. */
  readonly code: string;
  /** Lines under the code: the site, the price, the hours. */
  readonly lines: readonly string[];
}

// The standard PDF fonts have no Chinese glyphs; Debian's fonts-wqy-zenhei (installed by CI and
// the e2e setup) or Noto CJK is embedded, subset to the characters used.
const CJK_FONTS = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
];

const cjkFont = () => CJK_FONTS.find((font) => existsSync(font.path)) ?? null;

const MM = 72 / 25.4;
const COLUMNS = 3;
const ROWS = 4;
const MARGIN = 12 * MM;
// What fits under the QR in a cell: site and port, price, hours, one safety note.
const MAX_LINES = 4;

/** A4, 3 × 4 labels a page, each cut along its grey border. Without a Chinese font, only the
 * ASCII parts of each line are printed, so the sheet never shows boxes for glyphs. */
export async function portQrSheetPdf(title: string, labels: readonly QrLabel[]): Promise<Bytes> {
  // No document margin: the grid keeps its own, and pdfkit would start a new page for any text
  // it thinks runs past one.
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: title, Producer: 'WarmCity' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Bytes>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const font = cjkFont();
  if (font) doc.registerFont('label', font.path, font.family);
  const face = font ? 'label' : 'Helvetica';
  const printable = (text: string) => (font ? text : text.replace(/[^\x20-\x7e]/g, '').trim());

  const cellWidth = (doc.page.width - 2 * MARGIN) / COLUMNS;
  const cellHeight = (doc.page.height - 2 * MARGIN) / ROWS;
  const qrSize = Math.min(cellWidth, cellHeight) * 0.55;

  for (const [index, label] of labels.entries()) {
    const onPage = index % (COLUMNS * ROWS);
    if (index > 0 && onPage === 0) doc.addPage();
    const x = MARGIN + (onPage % COLUMNS) * cellWidth;
    const y = MARGIN + Math.floor(onPage / COLUMNS) * cellHeight;
    doc.save().lineWidth(0.5).strokeColor('#bbbbbb').rect(x, y, cellWidth, cellHeight).stroke().restore();
    const png = await QRCode.toBuffer(label.payload, { ...QR_OPTIONS, type: 'png', width: 400 });
    doc.image(png, x + (cellWidth - qrSize) / 2, y + 6 * MM, { width: qrSize, height: qrSize });
    let textY = y + 6 * MM + qrSize + 2 * MM;
    doc.font(face).fontSize(16).fillColor('#000000');
    doc.text(label.code, x, textY, { width: cellWidth, align: 'center', lineBreak: false });
    textY += 20;
    doc.fontSize(8);
    for (const line of label.lines.map(printable).filter(Boolean).slice(0, MAX_LINES)) {
      doc.text(line, x + 3 * MM, textY, {
        width: cellWidth - 6 * MM,
        align: 'center',
        lineBreak: false,
        ellipsis: true,
      });
      textY += 11;
    }
  }
  if (labels.length === 0) doc.font(face).fontSize(12).text(printable(title));
  doc.end();
  return done;
}
