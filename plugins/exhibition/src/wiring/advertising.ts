import type { PluginBootContext } from '../../../../platform/src/plugins/plugin-api.ts';
import { bookPlacementMonths, checkNewPlacement, checkPlacementChange } from '../ad-placements.ts';

/** Ad placements: checked before they are written, their months booked after. */
export function bootAdvertising(ctx: PluginBootContext): void {
  ctx.on('beforeCreate', 'ad_placement', checkNewPlacement);
  ctx.on('afterCreate', 'ad_placement', bookPlacementMonths);
  ctx.on('beforeUpdate', 'ad_placement', checkPlacementChange);
}
