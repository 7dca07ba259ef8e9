import common from './messages/common';
import shell from './messages/shell';
import records from './messages/records';
import workflow from './messages/workflow';
import admin from './messages/admin';
import mobile from './messages/mobile';
import listViews from './messages/list-views';
import notifications from './messages/notifications';
import home from './messages/home';
import search from './messages/search';
import configTransfer from './messages/config-transfer';
import portal from './messages/portal';
import calendars from './messages/calendars';

// Each area keeps its English and Chinese side by side; the Chinese object is typed as the English
// one, so a key missing in either language fails the type check.
const areas = [common, shell, records, workflow, admin, mobile, listViews, notifications, home, search, configTransfer, portal, calendars];

export function messageSet(language: 'en' | 'zh-CN') {
  return Object.assign({}, ...areas.map((area) => area[language])) as typeof common.en & typeof shell.en & typeof records.en & typeof workflow.en & typeof admin.en & typeof mobile.en & typeof listViews.en & typeof notifications.en & typeof home.en & typeof search.en & typeof configTransfer.en & typeof portal.en & typeof calendars.en;
}
