import { definePlugin } from '../../platform/src/plugins/plugin-api.ts';
import { bootCampaigns, registerCampaignJobs } from './src/campaigns/campaign-routes.ts';
import { bootAdvertising } from './src/wiring/advertising.ts';
import { bootBadges } from './src/wiring/badges.ts';
import { bootBooths, registerBooths } from './src/wiring/booths.ts';
import { bootBusinessRequests, registerBusinessRequests } from './src/wiring/business-requests.ts';
import { bootForums } from './src/wiring/forums.ts';
import { bootJournal, registerJournal } from './src/wiring/journal.ts';
import { registerPortal } from './src/wiring/portal.ts';
import { bootRetention, registerRetention } from './src/wiring/retention.ts';
import { bootServiceCentre } from './src/wiring/service-centre.ts';

/**
 * The exhibition pack: its objects, roles and workflows are JSON in metadata/; the booking logic is in
 * src/, and src/wiring/ ties each area's hooks, jobs and routes to the platform. Booths boot before
 * retention: hooks on the same object run in the order they were added.
 */
export default definePlugin({
  register(ctx) {
    registerPortal(ctx);
    registerBooths(ctx);
    registerRetention(ctx);
    registerBusinessRequests(ctx);
    registerJournal(ctx);
    registerCampaignJobs(ctx);
  },
  async boot(ctx) {
    await bootBooths(ctx);
    bootRetention(ctx);
    bootAdvertising(ctx);
    bootBusinessRequests(ctx);
    await bootJournal(ctx);
    bootBadges(ctx);
    bootForums(ctx);
    await bootCampaigns(ctx);
    bootServiceCentre(ctx);
  },
});
