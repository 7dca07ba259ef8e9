import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { churnFigures, DEMO_CHURN, type Stand } from './demo-churn.ts';
import { monthsBetween } from '../../../plugins/exhibition/src/ad-placements.ts';

// The exhibition pack's demo (issue 15, item 9): the churn planted in it counted from the demo files,
// so that docs/exhibition.md ("Demo data"), the generator and an analysis on the demo agree.

type Rec = Record<string, any>;
const demoDir = path.resolve(import.meta.dirname, '../../../plugins/exhibition/demo');
const read = (name: string): Rec[] => JSON.parse(fs.readFileSync(path.join(demoDir, `${name}.json`), 'utf8'));
const key = (value: { $key: string }) => value.$key;

const accounts = new Map(read('account').map((a) => [a.$key, a]));
const editions = new Map(read('exhibition').map((e) => [e.$key, e]));
const booths = new Map(read('booth').map((b) => [b.$key, b]));
const reservations = new Map(read('booth_reservation').map((r) => [r.$key, r]));
const bookings = read('booth_booking');
const active = bookings.filter((b) => b.status === 'reserved' || b.status === 'sold');
const editionOf = (booking: Rec) => editions.get(key(booths.get(key(booking.booth))!.exhibition))!;

/** Stands from the files: an exhibitor's active bookings at an edition. */
function standsFromFiles(): Stand[] {
  const stands = new Map<string, Stand>();
  for (const b of active) {
    const e = editionOf(b);
    const r = reservations.get(key(b.reservation))!;
    const id = `${e.season}_${e.year}/${key(b.exhibitor)}`;
    const stand = stands.get(id) ?? { edition: `${e.season}_${e.year}`, exhibitor: key(b.exhibitor), segment: accounts.get(key(b.exhibitor))!.supply_chain, area: 0, late: Boolean(r.paid_on && r.paid_on > r.balance_due_on) };
    stand.area += booths.get(key(b.booth))!.area;
    stands.set(id, stand);
  }
  return [...stands.values()];
}

describe('the churn planted in the exhibition demo', () => {
  const figures = churnFigures(standsFromFiles());

  it('gives the figures docs/exhibition.md names', () => {
    expect(figures).toEqual(DEMO_CHURN);
  });

  it('keeps about three in four exhibitors a year on, and fills the gap with new ones', () => {
    const [spring, autumn] = figures.transitions;
    const lost = spring.lost + autumn.lost;
    const share = lost / (spring.exhibitors + autumn.exhibitors);
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.3);
    for (const t of [spring, autumn]) expect(t.new).toBeGreaterThanOrEqual(t.lost);
  });

  it('loses more of the peripheral, small-booth and late-paying exhibitors', () => {
    const rate = (t: { exhibitors: number; lost: number }) => t.lost / t.exhibitors;
    const { bySegment, bySize, byPayment } = figures;
    expect(rate(bySegment.peripheral)).toBeGreaterThan(2 * rate(bySegment.raw_materials));
    expect(rate(bySegment.peripheral)).toBeGreaterThan(2 * rate(bySegment.finished_goods));
    expect(rate(bySize.one_booth_9m2)).toBeGreaterThan(1.5 * rate(bySize.larger));
    expect(rate(byPayment.late)).toBeGreaterThan(1.8 * rate(byPayment.on_time));
  });
});

describe('bookings and reservations of the exhibition demo', () => {
  it('books a booth at most once, never a blocked one, and sells every stand of a closed edition', () => {
    const booked = active.map((b) => key(b.booth));
    expect(new Set(booked).size).toBe(booked.length);
    for (const b of active) expect(booths.get(key(b.booth))!.status).not.toBe('blocked');
    for (const b of active.filter((x) => editionOf(x).status === 'closed')) expect(b.status).toBe('sold');
    expect(bookings.some((b) => b.status === 'held')).toBe(false);
  });

  it('prices a reservation at the sum of its booths, paid in full on closed editions', () => {
    for (const [k, r] of reservations) {
      const own = active.filter((b) => key(b.reservation) === k);
      expect(r.list_price).toBe(own.reduce((n, b) => n + booths.get(key(b.booth))!.price, 0));
      expect(r.number).toMatch(new RegExp(`^R${editions.get(key(r.exhibition))!.year}-\\d{6}$`));
      expect(r.discount).toBeLessThanOrEqual(0.15);
      if (editions.get(key(r.exhibition))!.status === 'closed') expect(r).toMatchObject({ payment_status: 'paid', amount_paid: Math.round(r.list_price * (1 - r.discount) * 100) / 100 });
    }
  });

  it("has about 40 % of spring 2027's booths taken by returning exhibitors, and waiting lists only on taken booths", () => {
    const spring2027 = [...booths.values()].filter((b) => key(b.exhibition) === 'spring_2027');
    const returning = new Set(figuresFor('spring_2026'));
    const byReturning = active.filter((b) => key(booths.get(key(b.booth))!.exhibition) === 'spring_2027' && returning.has(key(b.exhibitor)));
    expect(byReturning.length / spring2027.length).toBeGreaterThan(0.35);
    expect(byReturning.length / spring2027.length).toBeLessThan(0.45);
    const taken = new Set(active.map((b) => key(b.booth)));
    for (const w of read('booth_waitlist')) expect(taken.has(key(w.booth))).toBe(true);
  });

  it("keeps each account's editions, spend and priority points as the pack's hook computes them", () => {
    for (const [k, a] of accounts) {
      const editionsOf = new Set(active.filter((b) => key(b.exhibitor) === k).map((b) => editionOf(b).$key));
      const spend = Math.round([...reservations.values()].filter((r) => key(r.exhibitor) === k).reduce((n, r) => n + r.amount_paid, 0) * 100) / 100;
      expect(a, k).toMatchObject({ editions_exhibited: editionsOf.size, exhibition_spend: spend, priority_points: editionsOf.size * 10 + Math.floor(spend / 10_000) });
    }
  });
});

describe('the demo\'s visitors, badges and forums', () => {
  const visitors = read('visitor');
  const badges = read('badge');
  const sessions = read('forum_session');
  const registrations = read('forum_registration');
  const closed = (ref: { $key: string }) => editions.get(key(ref))!.status === 'closed';

  it('has a few hundred visitors over the editions, buyers among them', () => {
    expect(visitors.length).toBeGreaterThan(250);
    expect(new Set(visitors.map((v) => key(v.exhibition))).size).toBe(editions.size);
    const buyers = visitors.filter((v) => v.is_buyer).length / visitors.length;
    expect(buyers).toBeGreaterThan(0.4);
    expect(buyers).toBeLessThan(0.7);
    expect(new Set(visitors.map((v) => v.mobile)).size).toBe(visitors.length);
  });

  it('gives badges unique codes, checked in only at closed editions and only once approved', () => {
    expect(new Set(badges.map((b) => b.code)).size).toBe(badges.length);
    for (const b of badges) expect(b.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    for (const b of badges) expect(b.status === 'checked_in', b.$key).toBe(Boolean(b.checked_in_at));
    expect(badges.filter((b) => b.status === 'checked_in').every((b) => closed(b.exhibition))).toBe(true);
    expect(badges.filter((b) => closed(b.exhibition) && b.status === 'checked_in').length).toBeGreaterThan(500);
    const kinds = new Set(badges.map((b) => b.holder_kind));
    expect(kinds).toEqual(new Set(['visitor', 'exhibitor_staff', 'media']));
    const visitorKeys = new Set(visitors.filter((v) => v.status !== 'cancelled').map((v) => v.$key));
    expect(new Set(badges.filter((b) => b.visitor).map((b) => key(b.visitor)))).toEqual(visitorKeys);
    expect(badges.filter((b) => b.exhibitor).every((b) => accounts.has(key(b.exhibitor)))).toBe(true);
  });

  it('seats no session beyond its capacity, each seat and waiting place once', () => {
    for (const session of sessions) {
      const own = registrations.filter((r) => key(r.session) === session.$key);
      const seats = own.filter((r) => r.status === 'registered' || r.status === 'attended').map((r) => r.seat);
      expect(new Set(seats).size).toBe(seats.length);
      expect(seats.every((seat) => seat >= 1 && seat <= session.capacity), session.$key).toBe(true);
      const places = own.filter((r) => r.status === 'waiting').map((r) => r.position).sort((a, b) => a - b);
      expect(places).toEqual(places.map((_, i) => i + 1));
      if (places.length) expect(seats.length).toBe(session.capacity);
    }
    const open = sessions.filter((s) => s.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    expect(open.filter((s) => registrations.some((r) => key(r.session) === s.$key && r.status === 'waiting')).length).toBe(2);
    expect(registrations.filter((r) => r.status === 'attended').every((r) => closed(sessions.find((s) => s.$key === key(r.session))!.exhibition))).toBe(true);
  });
});

function figuresFor(edition: string): string[] {
  return [...new Set(active.filter((b) => editionOf(b).$key === edition).map((b) => key(b.exhibitor)))];
}

describe('the journal, advertising and business requests of the exhibition demo', () => {
  const subscriptions = new Map(read('journal_subscription').map((s) => [s.$key, s]));
  const issues = new Map(read('journal_issue').map((i) => [i.$key, i]));

  it('dispatches each past issue once to every subscription running on its date, and no future one', () => {
    const pairs = read('journal_dispatch').map((d) => `${key(d.subscription)}/${key(d.issue)}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const [k, issue] of issues) {
      const running = [...subscriptions.values()].filter((s) => s.status !== 'cancelled' && s.starts_on <= issue.publication_date && s.ends_on >= issue.publication_date);
      const sent = read('journal_dispatch').filter((d) => key(d.issue) === k);
      expect(sent.length, k).toBe(issue.status === 'dispatched' ? running.length : 0);
      expect(issue.status === 'dispatched').toBe(issue.publication_date < '2026-12-01');
    }
  });

  it('has subscriptions as on the reference day: renewals follow their year, some end within the renewal notice', () => {
    for (const s of subscriptions.values()) {
      if (s.status === 'active') expect(s.ends_on >= '2026-12-01').toBe(true);
      if (s.status === 'expired') expect(s.ends_on < '2026-12-01').toBe(true);
      if (s.renewal_of) expect(s.starts_on).toBe(new Date(Date.parse(`${subscriptions.get(key(s.renewal_of))!.ends_on}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
    }
    expect([...subscriptions.values()].filter((s) => s.status === 'active' && s.ends_on <= '2026-12-31').length).toBeGreaterThan(0);
  });

  it('never sells an advertising slot twice for a month', () => {
    const taken = new Set<string>();
    for (const p of read('ad_placement').filter((x) => x.status !== 'cancelled')) {
      for (const month of monthsBetween(p.first_month, p.last_month)!) {
        const slotMonth = `${key(p.slot)}/${month}`;
        expect(taken.has(slotMonth), slotMonth).toBe(false);
        taken.add(slotMonth);
      }
    }
  });

  it('routes every request type, keeps open requests new and settled ones with their department’s log', () => {
    const routed = new Map(read('request_route').map((r) => [r.request_type, r.department.$department]));
    expect([...routed.keys()].sort()).toEqual(['advertising', 'booth', 'complaint', 'enquiry', 'other', 'partnership', 'subscription']);
    const requests = read('business_request');
    const log = read('department_activity');
    for (const r of requests) {
      if (r.status === 'new') {
        expect(r.department).toBeUndefined();
        continue;
      }
      expect(r.department.$department).toBe(routed.get(r.request_type));
      const kinds = log.filter((a) => a.request && key(a.request) === r.$key).map((a) => a.kind);
      expect(kinds).toEqual(r.escalated ? ['request_received', 'request_escalated', 'request_closed'] : ['request_received', 'request_closed']);
    }
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['new', 'closed', 'declined']));
  });
});

describe('the exhibitor portal in the demo', () => {
  const portalUsers = read('portal-users');

  it('has two portal users for exhibitors booked at the edition in booking, and one pending sign-up', () => {
    const booked = new Set([...reservations.values()].filter((r) => editions.get(key(r.exhibition))!.status === 'booking').map((r) => key(r.exhibitor)));
    const linked = portalUsers.filter((u) => u.account);
    expect(linked).toHaveLength(2);
    for (const u of linked) {
      expect(booked.has(u.account.$key), u.username).toBe(true);
      expect(u).toMatchObject({ password: 'Demo-pass-2026', roles: ['exhibitor_portal'] });
    }
    const pending = portalUsers.filter((u) => !u.account);
    expect(pending).toEqual([expect.objectContaining({ active: false, roles: [] })]);
    expect(read('exhibitor_application')).toEqual([expect.objectContaining({ status: 'pending', applicant: { $user: pending[0].username } })]);
  });

  it('publishes announcements with a form to download, and keeps a draft back', () => {
    const news = read('announcement');
    expect(news.filter((a) => a.published && a.form_url)).toHaveLength(2);
    expect(news.filter((a) => !a.published)).toHaveLength(1);
  });
});

describe('mailings of the exhibition demo', () => {
  const contacts = new Map(read('contact').map((c) => [c.$key, c]));
  const campaigns = read('message_campaign');
  const recipients = read('campaign_recipient');
  const events = read('campaign_event');

  it('has sent mailings by e-mail and SMS and one draft, their counts those of their recipients', () => {
    expect(campaigns.map((c) => `${c.channel}:${c.status}`)).toEqual(['email:sent', 'sms:sent', 'email:sent', 'email:draft']);
    for (const c of campaigns) {
      const mine = recipients.filter((r) => key(r.campaign) === c.$key);
      const n = (...statuses: string[]) => mine.filter((r) => statuses.includes(r.status)).length;
      expect(c).toMatchObject({
        total_count: mine.length, skipped_count: n('skipped'), failed_count: n('failed'), bounced_count: n('bounced_hard', 'bounced_soft'),
        replied_count: n('replied'), unsubscribed_count: n('unsubscribed'), sent_count: n('sent', 'replied', 'bounced_hard', 'bounced_soft', 'unsubscribed'),
      });
      expect(new Set(mine.map((r) => key(r.contact))).size).toBe(mine.length);
    }
  });

  it("agrees with the contacts' e-mail status: hard bounces disabled, soft bounces scored, unsubscribes honoured later", () => {
    for (const [k, c] of contacts) {
      const outcomes = recipients.filter((r) => key(r.contact) === k && key(r.campaign) !== 'mailing_2').map((r) => r.status);
      if (c.email_status === 'invalid') {
        expect(outcomes[0]).toBe('bounced_hard');
        expect(c.do_not_contact).toBe(true);
        expect(outcomes.slice(1).every((s) => s === 'skipped')).toBe(true);
      }
      if (c.email_status === 'soft_bouncing') {
        expect(c.bounce_score).toBe(outcomes.filter((s) => s === 'bounced_soft').length);
        expect(c.bounce_score).toBeGreaterThan(0);
        expect(c.bounce_score).toBeLessThan(3);
      }
      if (c.email_status === 'unsubscribed') expect(outcomes[0]).toBe('unsubscribed');
      if (c.email_status === 'valid') expect(outcomes.every((s) => s === 'sent' || s === 'replied')).toBe(true);
    }
    const bounced = recipients.filter((r) => r.status.startsWith('bounced') || r.status === 'replied' || r.status === 'unsubscribed');
    expect(events.filter((e) => ['hard_bounce', 'soft_bounce', 'reply', 'unsubscribe'].includes(e.kind))).toHaveLength(bounced.length);
  });
});
