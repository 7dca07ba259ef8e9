import type { Knex } from 'knex';
import * as platformTables from './20261122_001_platform_tables.ts';
import * as organisationClosure from './20261122_002_organisation_closure.ts';
import * as loginSecurity from './20261122_003_login_security.ts';
import * as recordShares from './20261201_004_record_shares.ts';
import * as workflowInstances from './20261201_005_workflow_instances.ts';
import * as packInstallations from './20261201_006_pack_installations.ts';
import * as savedViews from './20261201_007_saved_views.ts';
import * as userLanguageOptional from './20261204_008_user_language_optional.ts';
import * as recentRecords from './20261205_009_recent_records.ts';
import * as searchGrams from './20261205_010_search_grams.ts';
import * as portalUsers from './20261205_011_portal_users.ts';
import * as configImports from './20261205_012_config_imports.ts';
import * as portalSignUps from './20261205_013_portal_sign_ups.ts';
import * as workflowSlas from './20261205_015_workflow_slas.ts';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** The platform's own tables, in order. New migrations are appended here. */
const migrations: [string, Migration][] = [
  ['20261122_001_platform_tables', platformTables],
  ['20261122_002_organisation_closure', organisationClosure],
  ['20261122_003_login_security', loginSecurity],
  ['20261201_004_record_shares', recordShares],
  ['20261201_005_workflow_instances', workflowInstances],
  ['20261201_006_pack_installations', packInstallations],
  ['20261201_007_saved_views', savedViews],
  ['20261204_008_user_language_optional', userLanguageOptional],
  ['20261205_009_recent_records', recentRecords],
  ['20261205_010_search_grams', searchGrams],
  ['20261205_011_portal_users', portalUsers],
  ['20261205_012_config_imports', configImports],
  ['20261205_013_portal_sign_ups', portalSignUps],
  ['20261205_015_workflow_slas', workflowSlas],
];

export const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => migrations,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};
