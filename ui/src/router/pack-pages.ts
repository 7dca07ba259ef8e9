import type { Component } from 'vue';

export type PageLoader = () => Promise<Component | { default: Component }>;

// Every Vue page a pack ships in plugins/<pack>/ui/ becomes its own lazy chunk. With no pack pages
// the glob is simply empty.
const modules = import.meta.glob<Component>('../../../plugins/*/ui/**/*.vue');

const PREFIX = '../../../plugins/';

/** The loader of `plugins/<pack>/ui/<component>`, or null when that pack ships no such page. */
export function packPage(pack: string, component: string): PageLoader | null {
  const key = `${PREFIX}${pack}/ui/${component.replace(/^\.?\//, '')}`;
  return (modules[key] as PageLoader | undefined) ?? null;
}

/** Every pack page known to this build, as `<pack>/<component>` (for diagnostics and docs). */
export function knownPackPages(): string[] {
  return Object.keys(modules).map((key) => key.slice(PREFIX.length).replace('/ui/', '/'));
}
