import { authMessages } from './auth-messages.ts';
import { errorCodeMessages } from './error-code-messages.ts';
import { httpMessages } from './http-messages.ts';
import { packMessages } from './pack-messages.ts';
import { configMessages } from './config-messages.ts';
import { organisationMessages } from './organisation-messages.ts';
import { workflowMessages } from './workflow-messages.ts';
import { workflowCheckMessages } from './workflow-check-messages.ts';
import { slaMessages } from './sla-messages.ts';
import { metadataMessages } from './metadata-messages.ts';
import { queryMessages } from './query-messages.ts';
import { permissionMessages, roleCheckMessages } from './permission-messages.ts';
import { importMessages } from './import-messages.ts';
import { recordMessages } from './record-messages.ts';
import { schemaMessages } from './schema-messages.ts';
import { searchMessages } from './search-messages.ts';
import { portalMessages } from './portal-messages.ts';
import { databaseMessages, ruleMessages, valueMessages } from './value-messages.ts';
import type { MessageParam } from './message.ts';

/** One message in both languages; `{name}` placeholders are filled when it is rendered. */
export interface Template {
  readonly en: string;
  readonly 'zh-CN': string;
}

/** Every message the platform sends, by id; split by area, each file a plain table. */
export const catalogue = {
  ...errorCodeMessages,
  ...httpMessages,
  ...authMessages,
  ...portalMessages,
  ...valueMessages,
  ...ruleMessages,
  ...databaseMessages,
  ...recordMessages,
  ...importMessages,
  ...permissionMessages,
  ...roleCheckMessages,
  ...queryMessages,
  ...metadataMessages,
  ...workflowMessages,
  ...slaMessages,
  ...workflowCheckMessages,
  ...organisationMessages,
  ...packMessages,
  ...configMessages,
  ...schemaMessages,
  ...searchMessages,
} as const satisfies Record<string, Template>;

export type MessageId = keyof typeof catalogue;

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

export type MessageParams<K extends MessageId> = { readonly [P in Placeholders<(typeof catalogue)[K]['en']>]: MessageParam };
