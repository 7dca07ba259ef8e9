import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Router } from 'vue-router';
import { api } from '@/api/client';
import { isApiError } from '@/api/api-error';
import type { DataAnswer, HomeFigureSection, HomeListSection, Localized, Pack } from '@/api/types';
import { packPage, type PageLoader } from '@/router/pack-pages';

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

export interface RecordPanel {
  key: string;
  pack: string;
  object: string;
  title: Localized;
  order: number;
  operation?: string;
  loader: PageLoader;
}

/** A pack's home section, keyed `<pack>:<key>`, in the order the packs ask for. */
export type HomeList = HomeListSection & { id: string };
export type HomeFigure = HomeFigureSection & { id: string };

/** Installed packs' menu entries, pages, record buttons and record panels (GET /api/packs), added to the router after login. */
export const usePackStore = defineStore('packs', () => {
  const menu = ref<PackMenuItem[]>([]);
  const groups = ref<MenuGroup[]>([]);
  const recordActions = ref<RecordAction[]>([]);
  const recordPanels = ref<RecordPanel[]>([]);
  /** Objects packs keep for their own use, left out of the menu. */
  const hiddenObjects = ref<ReadonlySet<string>>(new Set());
  const missing = ref<string[]>([]);
  const homeLists = ref<HomeList[]>([]);
  const homeFigures = ref<HomeFigure[]>([]);
  /** True once the packs' contributions are known (none when the server has no plugin host). */
  const loaded = ref(false);
  const added = new Set<string>();

  async function load(router: Router): Promise<void> {
    let packs: Pack[];
    try {
      packs = (await api.get<DataAnswer<Pack>>('/packs')).data;
    } catch (error) {
      // A server without the plugin host has no packs to offer.
      if (isApiError(error) && error.status === 404) {
        loaded.value = true;
        return;
      }
      throw error;
    }
    const items: PackMenuItem[] = [];
    const absent: string[] = [];
    const navigation: MenuGroup[] = [];
    const actions: RecordAction[] = [];
    const panels: RecordPanel[] = [];
    const hidden = new Set<string>();
    const lists: HomeList[] = [];
    const figures: HomeFigure[] = [];
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
      for (const object of pack.ui?.hiddenObjects ?? []) hidden.add(object);
      for (const action of pack.ui?.recordActions ?? []) actions.push({ object: action.object, label: action.label, path: action.path, operation: action.operation });
      for (const list of pack.ui?.home?.lists ?? []) lists.push({ ...list, id: `${pack.name}:${list.key}` });
      for (const figure of pack.ui?.home?.figures ?? []) figures.push({ ...figure, id: `${pack.name}:${figure.key}` });
      for (const panel of pack.ui?.recordPanels ?? []) {
        const loader = packPage(pack.name, panel.component);
        if (!loader) absent.push(`${pack.name}/${panel.component}`);
        else panels.push({ key: `${pack.name}:${panel.component}:${panel.object}`, pack: pack.name, object: panel.object, title: panel.title, order: panel.order ?? 1000, operation: panel.operation, loader });
      }
    }
    menu.value = items.sort((a, b) => a.order - b.order);
    groups.value = navigation.sort((a, b) => a.order - b.order);
    recordActions.value = actions;
    hiddenObjects.value = hidden;
    recordPanels.value = panels.sort((a, b) => a.order - b.order);
    missing.value = absent;
    const byOrder = (a: { order?: number }, b: { order?: number }) => (a.order ?? 1000) - (b.order ?? 1000);
    homeLists.value = lists.sort(byOrder);
    homeFigures.value = figures.sort(byOrder);
    loaded.value = true;
  }

  /** The pack buttons for a record of `object`, given what the record's access answer allows. */
  function actionsFor(object: string, operations: Record<string, boolean | undefined>): RecordAction[] {
    return recordActions.value.filter((a) => a.object === object && (!a.operation || operations[a.operation] === true));
  }

  /** The pack panels for a record of `object`; reading is what the access answer's existence already grants. */
  function panelsFor(object: string, operations: Record<string, boolean | undefined>): RecordPanel[] {
    return recordPanels.value.filter((p) => p.object === object && (!p.operation || p.operation === 'read' || operations[p.operation] === true));
  }

  return { menu, groups, hiddenObjects, missing, loaded, homeLists, homeFigures, load, actionsFor, panelsFor };
});
