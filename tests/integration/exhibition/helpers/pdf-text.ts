import { inflateSync } from 'node:zlib';

/**
 * The text a PDF shows, read the way a PDF reader copies it: every stream is inflated, the fonts'
 * ToUnicode maps turn glyph ids back into characters, and the hex strings of the content streams'
 * TJ/Tj operators are decoded with them. Enough for pdfkit's output (one embedded font, 2-byte ids).
 */
export function pdfText(pdf: Buffer): { text: string; fonts: string[] } {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  const streamRe = /<<([^]*?)>>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamRe.exec(raw))) {
    const length = Number(/\/Length (\d+)/.exec(m[1])?.[1]);
    const start = m.index + m[0].length;
    const bytes = pdf.subarray(start, start + length);
    streams.push((m[1].includes('/FlateDecode') ? inflateSync(bytes) : bytes).toString('latin1'));
  }
  const glyphs = new Map<string, string>();
  for (const s of streams.filter((x) => x.includes('begincmap'))) {
    for (const block of s.matchAll(/beginbfrange([^]*?)endbfrange/g)) {
      for (const [, from, to, target] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const first = parseInt(from, 16);
        const targets = target.startsWith('[') ? [...target.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1]) : null;
        for (let id = first; id <= parseInt(to, 16); id++) {
          const hex = targets ? targets[id - first] : (parseInt(target.slice(1, -1), 16) + id - first).toString(16).padStart(4, '0');
          glyphs.set(id.toString(16).padStart(4, '0'), utf16(hex));
        }
      }
    }
    for (const block of s.matchAll(/beginbfchar([^]*?)endbfchar/g)) {
      for (const [, from, target] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) glyphs.set(from.toLowerCase().padStart(4, '0'), utf16(target));
    }
  }
  const lines: string[] = [];
  for (const s of streams.filter((x) => /T[Jj]/.test(x) && !x.includes('begincmap'))) {
    for (const op of s.matchAll(/(\[[^\]]*\]|<[0-9a-fA-F]*>)\s*T[Jj]/g)) {
      const hexes = [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1].toLowerCase());
      lines.push(hexes.map((h) => (h.match(/.{4}/g) ?? []).map((id) => glyphs.get(id) ?? '\uFFFD').join('')).join(''));
    }
  }
  const fonts = [...raw.matchAll(/\/BaseFont \/([A-Z]{6}\+[^\s/>]+)/g)].map((x) => x[1]);
  return { text: lines.join('\n'), fonts: [...new Set(fonts)] };
}

function utf16(hex: string): string {
  const units = (hex.match(/.{4}/g) ?? []).map((u) => parseInt(u, 16));
  return String.fromCharCode(...units);
}
