import type { Logger } from '../core/logger.ts';

export const WORKFLOW_WEBHOOK_JOB = 'workflow.webhook';

export interface WebhookJob {
  url: string;
  headers?: Record<string, string>;
  payload: {
    workflow: string;
    version: number;
    instance: string;
    object: string;
    recordId: string;
    from: string;
    state: string;
    at: string;
  };
}

const TIMEOUT_MS = 10_000;

/**
 * Delivers one webhook: a JSON POST that must answer 2xx within 10 s. Anything else throws, and the
 * job queue retries with exponential backoff. The payload names the record and the step, never field
 * values: the receiver reads the record through the API with its own permissions.
 */
export async function deliverWebhook(job: WebhookJob, log: Logger): Promise<void> {
  const res = await fetch(job.url, {
    method: 'POST',
    headers: { ...(job.headers ?? {}), 'content-type': 'application/json', 'user-agent': 'Tessera-Webhook/1' },
    body: JSON.stringify(job.payload),
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: 'error',
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) {
    log.warn({ url: job.url, status: res.status, instance: job.payload.instance }, 'webhook answered with an error; it will be retried');
    throw new Error(`webhook ${job.url} answered ${res.status}`);
  }
}
