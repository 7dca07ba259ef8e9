import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { RecordData } from '../../../platform/src/plugins/plugin-api.ts';
import { badgeQrMatrix } from './badge-qr.ts';

/** Noto Sans SC covers the names on Chinese badges; pdfkit embeds only the glyphs a sheet uses. */
const FONT_FILE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
let font: Buffer | undefined;
const cjkFont = () => (font ??= readFileSync(createRequire(import.meta.url).resolve(FONT_FILE)));

export const KIND_COLOURS: Record<string, string> = {
  exhibitor_staff: '#1f6fd1',
  visitor: '#2e9d4f',
  media: '#d98b12',
  organiser: '#c8323c',
};
const KIND_WORDS: Record<string, string> = {
  exhibitor_staff: '展商 EXHIBITOR',
  visitor: '观众 VISITOR',
  media: '媒体 MEDIA',
  organiser: '主办方 ORGANISER',
};

// A4 in points, two columns of three badges (about 9 × 9 cm each, cut along the grey lines).
const PAGE = { width: 595.28, height: 841.89, margin: 28 };
const COLUMNS = 2;
const ROWS = 3;
export const BADGES_PER_PAGE = COLUMNS * ROWS;

export interface SheetBadge {
  holder_name: unknown;
  company?: unknown;
  holder_kind: unknown;
  code: unknown;
}

/** A printable PDF of badges, six to an A4 page: the kind's colour band, the holder's name, company and QR code. */
export function badgeSheetPdf(badges: readonly (SheetBadge | RecordData)[], edition: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: `${edition} badges`, Creator: 'Tessera' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  const cellWidth = (PAGE.width - 2 * PAGE.margin) / COLUMNS;
  const cellHeight = (PAGE.height - 2 * PAGE.margin) / ROWS;
  badges.forEach((badge, i) => {
    if (i > 0 && i % BADGES_PER_PAGE === 0) doc.addPage({ size: 'A4', margin: 0 });
    const slot = i % BADGES_PER_PAGE;
    const x = PAGE.margin + (slot % COLUMNS) * cellWidth;
    const y = PAGE.margin + Math.floor(slot / COLUMNS) * cellHeight;
    drawBadge(doc, badge as SheetBadge, edition, x, y, cellWidth, cellHeight);
  });
  if (badges.length === 0) doc.fontSize(14).fillColor('#666666').text('—', PAGE.margin, PAGE.margin);
  doc.end();
  return done;
}

function drawBadge(doc: PDFKit.PDFDocument, badge: SheetBadge, edition: string, x: number, y: number, width: number, height: number): void {
  const pad = 14;
  const kind = String(badge.holder_kind);
  doc.save().lineWidth(0.5).dash(3, { space: 3 }).strokeColor('#bbbbbb').rect(x, y, width, height).stroke().restore();
  doc.rect(x, y, width, 46).fill(KIND_COLOURS[kind] ?? '#555555');
  doc.fillColor('#ffffff').fontSize(15).text(KIND_WORDS[kind] ?? kind, x + pad, y + 8, { width: width - 2 * pad, lineBreak: false });
  doc.fontSize(8).text(edition, x + pad, y + 30, { width: width - 2 * pad, lineBreak: false, ellipsis: true });
  doc.fillColor('#111111').fontSize(26).text(String(badge.holder_name ?? ''), x + pad, y + 62, { width: width - 2 * pad, height: 36, lineBreak: false, ellipsis: true });
  doc.fillColor('#333333').fontSize(11).text(String(badge.company ?? ''), x + pad, y + 102, { width: width - 2 * pad, height: 30, ellipsis: true });
  const code = String(badge.code ?? '');
  if (!code) return;
  const qrSize = 96;
  drawQr(doc, code, x + width - pad - qrSize, y + height - pad - qrSize - 12, qrSize);
  doc.fillColor('#444444').fontSize(7).text(code, x + width - pad - qrSize, y + height - pad - 9, { width: qrSize, align: 'center', lineBreak: false });
}

function drawQr(doc: PDFKit.PDFDocument, code: string, x: number, y: number, size: number): void {
  const matrix = badgeQrMatrix(code);
  const module = size / matrix.length;
  matrix.forEach((row, r) => row.forEach((dark, c) => { if (dark) doc.rect(x + c * module, y + r * module, module, module); }));
  doc.fillColor('#000000').fill();
}
