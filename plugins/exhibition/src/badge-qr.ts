import QRCode from 'qrcode';

/**
 * What a badge's QR code holds: the badge code alone, so that a USB or phone scanner types exactly
 * what the check-in page's field expects, whatever host the organiser runs.
 */
export const QR_OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 4 };
export const QR_PIXELS_PER_MODULE = 8;

export function badgeQrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { ...QR_OPTIONS, type: 'png', scale: QR_PIXELS_PER_MODULE });
}

export function badgeQrSvg(code: string): Promise<string> {
  return QRCode.toString(code, { ...QR_OPTIONS, type: 'svg' });
}

/** The code's modules, row by row (true is dark): drawn as vector squares on the printed sheet. */
export function badgeQrMatrix(code: string): boolean[][] {
  const { modules } = QRCode.create(code, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => Boolean(modules.get(row, col))));
}
