import { ApiError } from '@/api/api-error';
import { currentLanguage } from '@/i18n';

export interface DownloadProgress {
  bytes: number;
  /** Line breaks seen so far (for CSV, the rows written plus the header). */
  lines: number;
}

function fileNameOf(res: Response, fallback: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
}

/**
 * Fetches a streamed download (exports) with the session cookie, reporting progress as the bytes
 * arrive, then hands the file to the browser. Errors come back as ApiError like any API call.
 */
export async function downloadWithProgress(url: string, fallbackName: string, onProgress: (p: DownloadProgress) => void): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', headers: { 'accept-language': currentLanguage() } });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached.');
  }
  if (!res.ok || !res.body) {
    const body = await res.json().catch(() => null) as { error?: { code?: string; message?: string; details?: [] } } | null;
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText, body?.error?.details ?? []);
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  const progress: DownloadProgress = { bytes: 0, lines: 0 };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    progress.bytes += value.length;
    for (const byte of value) if (byte === 10) progress.lines += 1;
    onProgress({ ...progress });
  }
  const blob = new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileNameOf(res, fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
