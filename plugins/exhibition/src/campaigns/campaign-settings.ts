/** The mailings' settings, from TESSERA_EXHIBITION_* (docs/exhibition.md, "Mailings"). */
export interface CampaignSettings {
  /** The domain of the per-recipient return addresses (bounce+…@, reply+…@), whose mail must reach the inbound listener or webhook. */
  bounceDomain: string;
  /** Where recipients reach this server, for unsubscribe links. */
  publicUrl: string;
  smsUrl: string | null;
  /** The shared secret of the inbound webhooks (mail and SMS receipts); unset, they are off. */
  inboundSecret: string | null;
  inboundSmtpPort: number | null;
  inboundSmtpHost: string;
  softBouncePoints: number;
  softBounceThreshold: number;
  /** The rate window: a mailing sends at most its rate per window; a minute except in tests. */
  windowSeconds: number;
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

export function campaignSettings(config: Readonly<Record<string, string>>, mailFromAddress: string): CampaignSettings {
  const fromDomain = mailFromAddress.includes('@') ? mailFromAddress.slice(mailFromAddress.lastIndexOf('@') + 1) : 'localhost';
  return {
    bounceDomain: config.bounce_domain || fromDomain,
    publicUrl: (config.public_url || 'http://localhost:3000').replace(/\/+$/, ''),
    smsUrl: config.sms_url || null,
    inboundSecret: config.inbound_secret || null,
    inboundSmtpPort: config.inbound_smtp_port ? positive(config.inbound_smtp_port, 0) || null : null,
    inboundSmtpHost: config.inbound_smtp_host || '127.0.0.1',
    softBouncePoints: positive(config.soft_bounce_points, 1),
    softBounceThreshold: positive(config.soft_bounce_threshold, 3),
    windowSeconds: positive(config.campaign_window_seconds, 60),
  };
}
