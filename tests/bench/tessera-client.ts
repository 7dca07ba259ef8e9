export interface Session {
  token: string;
  user: { id: string; username: string; department: string | null };
}

export interface Reply {
  status: number;
  body: any;
}

/** A small JSON client for the bench's own set-up calls (the load itself goes through autocannon). */
export class TesseraClient {
  constructor(
    readonly baseUrl: string,
    readonly session: Session,
  ) {}

  static async login(baseUrl: string, username: string, password: string): Promise<TesseraClient> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(body)}`);
    return new TesseraClient(baseUrl, body as Session);
  }

  get authHeader(): Record<string, string> {
    return { authorization: `Bearer ${this.session.token}` };
  }

  async call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Reply> {
    const headers: Record<string, string> = { ...this.authHeader };
    if (body !== undefined) headers['content-type'] = contentType;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(300_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: res.status, body: parsed };
  }
}

export function expectStatus(reply: Reply, expected: number[], what: string): Reply {
  if (!expected.includes(reply.status)) throw new Error(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 500)}`);
  return reply;
}
