import { BlockList } from 'node:net';
import type { AllowedHours, LoginRules, RoleDocument } from '../generated/role.ts';
import { parseCidr } from '../core/parse-cidr.ts';
import { msg, type Message } from '../core/messages/message.ts';

interface CompiledRule {
  networks: BlockList | null;
  hours: { from: number; to: number; clock: Intl.DateTimeFormat } | null;
}

/**
 * The login level of a user's roles combined as a union: `null` means unrestricted (a superuser
 * role, or a role without login rules, lets the user in at any time from anywhere).
 */
export type LoginPolicy = readonly CompiledRule[] | null;

const clocks = new Map<string, Intl.DateTimeFormat>();

function clockOf(tz: string): Intl.DateTimeFormat {
  let clock = clocks.get(tz);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(tz, clock);
  }
  return clock;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function compileHours(hours: AllowedHours): CompiledRule['hours'] {
  return { from: minutesOf(hours.from), to: minutesOf(hours.to), clock: clockOf(hours.tz) };
}

function compileRule(rules: LoginRules): CompiledRule {
  let networks: BlockList | null = null;
  if (rules.allowedCidrs) {
    networks = new BlockList();
    for (const text of rules.allowedCidrs) {
      const cidr = parseCidr(text);
      if (cidr) networks.addSubnet(cidr.address, cidr.prefix, cidr.family);
    }
  }
  return { networks, hours: rules.allowedHours ? compileHours(rules.allowedHours) : null };
}

export function compileLoginPolicy(roles: readonly Pick<RoleDocument, 'superuser' | 'login'>[]): LoginPolicy {
  if (roles.length === 0) return null;
  const compiled: CompiledRule[] = [];
  for (const role of roles) {
    if (role.superuser === true || !role.login || (!role.login.allowedCidrs && !role.login.allowedHours)) return null;
    compiled.push(compileRule(role.login));
  }
  return compiled;
}

function inNetworks(networks: BlockList, ip: string): boolean {
  // Express reports IPv4 clients of a dual-stack socket as ::ffff:a.b.c.d.
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  try {
    if (v4) return networks.check(v4, 'ipv4');
    return networks.check(ip, ip.includes(':') ? 'ipv6' : 'ipv4');
  } catch {
    return false;
  }
}

function inHours(hours: NonNullable<CompiledRule['hours']>, now: Date): boolean {
  const [h, m] = hours.clock.format(now).split(':').map(Number);
  const minute = h * 60 + m;
  // A window whose end is before its start spans midnight.
  return hours.from < hours.to ? minute >= hours.from && minute < hours.to : minute >= hours.from || minute < hours.to;
}

/** Why the policy refuses this client now, as a readable sentence; null when it lets them in. */
export function loginRefusal(policy: LoginPolicy, ip: string | undefined, now: Date): Message | null {
  if (policy === null) return null;
  let networkAllowed = false;
  for (const rule of policy) {
    const fromNetwork = rule.networks === null || (ip !== undefined && inNetworks(rule.networks, ip));
    if (!fromNetwork) continue;
    networkAllowed = true;
    if (rule.hours === null || inHours(rule.hours, now)) return null;
  }
  return networkAllowed
    ? msg('auth.outsideHours')
    : msg('auth.outsideNetwork');
}
