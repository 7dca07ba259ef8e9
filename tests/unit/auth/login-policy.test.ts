import { describe, expect, it } from 'vitest';
import { compileLoginPolicy, loginRefusal } from '../../../platform/src/auth/login-policy.ts';

const at = (iso: string) => new Date(iso);

describe('loginRefusal', () => {
  it('is unrestricted without roles, with a superuser role or with a role without login rules', () => {
    expect(compileLoginPolicy([])).toBeNull();
    expect(compileLoginPolicy([{ login: { allowedCidrs: ['10.0.0.0/8'] } }, { superuser: true }])).toBeNull();
    expect(compileLoginPolicy([{ login: { allowedCidrs: ['10.0.0.0/8'] } }, {}])).toBeNull();
    expect(compileLoginPolicy([{ login: {} }])).toBeNull();
  });

  it('matches IPv4, IPv4-mapped IPv6 and IPv6 clients', () => {
    const policy = compileLoginPolicy([{ login: { allowedCidrs: ['10.0.0.0/8', 'fd00::/8'] } }]);
    const now = at('2026-11-23T10:00:00Z');
    expect(loginRefusal(policy, '10.1.2.3', now)).toBeNull();
    expect(loginRefusal(policy, '::ffff:10.1.2.3', now)).toBeNull();
    expect(loginRefusal(policy, 'fd12::1', now)).toBeNull();
    expect(String(loginRefusal(policy, '11.0.0.1', now))).toContain('outside allowed network');
    expect(String(loginRefusal(policy, 'fe80::1', now))).toContain('outside allowed network');
    expect(String(loginRefusal(policy, undefined, now))).toContain('outside allowed network');
    expect(String(loginRefusal(policy, 'not an address', now))).toContain('outside allowed network');
  });

  it('checks hours in the zone, with windows over midnight', () => {
    const policy = compileLoginPolicy([{ login: { allowedHours: { from: '22:00', to: '06:30', tz: 'America/New_York' } } }]);
    // New York is UTC-5 in November.
    expect(loginRefusal(policy, '127.0.0.1', at('2026-11-23T03:00:00Z'))).toBeNull();
    expect(loginRefusal(policy, '127.0.0.1', at('2026-11-23T11:29:00Z'))).toBeNull();
    expect(String(loginRefusal(policy, '127.0.0.1', at('2026-11-23T11:30:00Z')))).toContain('outside allowed hours');
    expect(String(loginRefusal(policy, '127.0.0.1', at('2026-11-23T16:00:00Z')))).toContain('outside allowed hours');
  });
});
