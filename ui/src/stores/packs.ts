import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Router } from 'vue-router';
import { api } from '@/api/client';
import { isApiError } from '@/api/api-error';
import type { DataAnswer, Localized, Pack } from '@/api/types';
import { packPage } from '@/router/pack-pages';

export interface PackMenuItem {
  path: string;
  label: Localized;
  pack: string;
  order: number;
}

export interface MenuGroup {
  key: string;
  label: Localized;
  order: number;
  objects: string[];
}

export interface RecordAction {
  object: string;
  label: Localized;
  path: string;
  operation?: string;
}

/** Installed packs' menu entries and pages (GET /api/packs), added to the router after login. */
export const usePackStore = defineStore('packs', () => {
  const menu = ref<PackMenuItem[]>([]);
  const groups = ref<MenuGroup[]>([]);
  const recordActions = ref<RecordAction[]>([]);
  const missing = ref<string[]>([]);
  const added = new Set<string>();

  async function load(router: Router): Promise<void> {
    let packs: Pack[];
    try {
      packs = (await api.get<DataAnswer<Pack>>('/packs')).data;
    } catch (error) {
      // A server without the plugin host has no packs to offer.
      if (isApiError(error) && error.status === 404) return;
      throw error;
    }
    const items: PackMenuItem[] = [];
    const absent: string[] = [];
    const navigation: MenuGroup[] = [];
    const actions: RecordAction[] = [];
    for (const pack of packs.filter((p) => p.installed)) {
      for (const page of pack.ui?.pages ?? []) {
        const loader = packPage(pack.name, page.component);
        const path = page.path.startsWith('/') ? page.path : `/${page.path}`;
        if (!loader) {
          absent.push(`${pack.name}/${page.component}`);
          continue;
        }
        const name = `pack:${pack.name}:${path}`;
        if (!added.has(name)) {
          router.addRoute('shell', { path: path.slice(1), name, component: loader, meta: { pack: pack.name, title: page.title } });
          added.add(name);
        }
      }
      for (const entry of pack.ui?.menu ?? []) {
        items.push({ path: entry.path.startsWith('/') ? entry.path : `/${entry.path}`, label: entry.label, pack: pack.name, order: entry.order ?? 1000 });
      }
      for (const group of pack.ui?.navigation ?? []) navigation.push({ key: `${pack.name}:${group.key}`, label: group.label, order: group.order ?? 1000, objects: group.objects });
      for (const action of pack.ui?.recordActions ?? []) actions.push({ object: action.object, label: action.label, path: action.path, operation: action.operation });
    }
    menu.value = items.sort((a, b) => a.order - b.order);
    groups.value = navigation.sort((a, b) => a.order - b.order);
    recordActions.value = actions;
    missing.value = absent;
  }

  /** The pack buttons for a record of `object`, given what the record's access answer allows. */
  function actionsFor(object: string, operations: Record<string, boolean | undefined>): RecordAction[] {
    return recordActions.value.filter((a) => a.object === object && (!a.operation || operations[a.operation] === true));
  }

  return { menu, groups, missing, load, actionsFor };
});
