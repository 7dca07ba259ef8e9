import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { churnFigures, DEMO_CHURN, type Stand } from './demo-churn.ts';

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

function figuresFor(edition: string): string[] {
  return [...new Set(active.filter((b) => editionOf(b).$key === edition).map((b) => key(b.exhibitor)))];
}

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
