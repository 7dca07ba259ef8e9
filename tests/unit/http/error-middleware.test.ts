import { describe, expect, it, vi } from 'vitest';
import { errorMiddleware } from '../../../platform/src/http/error-middleware.ts';

function fakeResponse() {
  const res: any = { headersSent: false, statusCode: 0, body: undefined };
  res.status = (code: number) => ((res.statusCode = code), res);
  res.json = (body: unknown) => ((res.body = body), res);
  return res;
}

describe('error middleware', () => {
  it('turns an undecodable path parameter into a 400 and logs it without a stack (issue 12 item 8)', () => {
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const handler = errorMiddleware(() => ({}) as any, log as any);
    const err = new URIError("Failed to decode param '%ZZ'");
    const res = fakeResponse();
    handler(err, { method: 'GET', originalUrl: '/api/records/account/%ZZ', headers: {} } as any, res, () => {});
    expect(res.statusCode).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(log.error).not.toHaveBeenCalled();
    for (const call of [...log.info.mock.calls, ...log.warn.mock.calls]) {
      expect(JSON.stringify(call)).not.toMatch(/stack|URIError/);
      expect(Object.values(call[0] as object).some((value) => value instanceof Error)).toBe(false);
    }
  });
});
