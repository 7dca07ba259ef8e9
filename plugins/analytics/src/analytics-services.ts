import type { DefinitionStore, JobOptions, MetadataView, Notify, PluginLogger, RecordService } from '../../../platform/src/plugins/plugin-api.ts';

/** What the pack's routes and jobs share from the plugin interface (both the boot context and job tools have it). */
export interface AnalyticsServices {
  readonly system: RecordService;
  readonly meta: MetadataView;
  readonly definitions: DefinitionStore;
  readonly notify: Notify;
  readonly log: PluginLogger;
  sendJob<T extends object>(name: string, data: T, options?: JobOptions): Promise<void>;
}

/** The job that runs one analysis run. */
export const RUN_JOB = 'run';
/** The job that starts scheduled analyses whose time has come, every minute. */
export const SCHEDULE_JOB = 'scheduled_runs';
