/** One SMS as the mailings send it; `reference` comes back on the provider's delivery receipt. */
export interface SmsMessage {
  to: string;
  text: string;
  reference: string;
}

/** Where SMS go: a provider's gateway behind one call. */
export interface SmsProvider {
  send(message: SmsMessage): Promise<{ id: string | null }>;
}

/**
 * A provider reached over HTTP: POST JSON {to, text, reference} to its URL; any 2xx is accepted and
 * its JSON `id`, if any, kept. Gateways of real operators sit behind a small adapter with this shape.
 */
export function httpSmsProvider(url: string, timeoutMs = 10_000): SmsProvider {
  return {
    async send(message) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`SMS provider answered ${res.status}: ${text.slice(0, 200)}`);
      try {
        const body = JSON.parse(text) as { id?: unknown };
        return { id: body.id === undefined || body.id === null ? null : String(body.id) };
      } catch {
        return { id: null };
      }
    },
  };
}
