/* Generated from metadata/schemas/pack.schema.json by platform/scripts/generate-types.ts. Do not edit. */

export type Name = string;
/**
 * An app route such as /reports or /reports/:name.
 */
export type UiPath = string;
/**
 * A portal route: /portal or a path under it, such as /portal/booking or /portal/booking/:id.
 */
export type PortalPath = string;

/**
 * The manifest (pack.json) of a pack in plugins/<name>/: what it is, what it needs, where its definitions, demo data, code and UI contributions are.
 */
export interface PackManifest {
  name: Name;
  /**
   * Semantic version of the pack.
   */
  version: string;
  label?: LocalizedText;
  description?: LocalizedText;
  /**
   * Packs that must be installed first; installing this pack installs them too.
   *
   * @maxItems 50
   */
  requires?: Name[];
  /**
   * Folder (relative to the pack) with objects/, roles/, workflows/ and folders of plugin definition kinds (reports/, dashboards/), one JSON file per definition.
   */
  metadata?: string;
  /**
   * Folder with demo data: <object>.json files holding arrays of records, loaded in the order of demo/order.json when present.
   */
  demo?: string;
  /**
   * Module (relative to the pack) whose default export is the plugin: { register?(ctx), boot?(ctx) }.
   */
  code?: string;
  /**
   * Top-level API resources the pack serves at /api/<name> besides /api/plugins/<pack>/ (e.g. reports).
   *
   * @maxItems 20
   */
  api?: Name[];
  ui?: UiContributions;
}
export interface LocalizedText {
  en?: string;
  'zh-CN'?: string;
}
/**
 * Menu entries and pages the web application adds for the pack.
 */
export interface UiContributions {
  /**
   * @maxItems 50
   */
  menu?: {
    path: UiPath;
    label: LocalizedText;
    icon?: string;
    order?: number;
  }[];
  /**
   * @maxItems 50
   */
  pages?: {
    path: UiPath;
    /**
     * A Vue single-file component relative to plugins/<pack>/ui/.
     */
    component: string;
    title: LocalizedText;
  }[];
  /**
   * Groups of objects in the app's menu (e.g. Sales: opportunity, quote, contract); objects in no group are listed under Records.
   *
   * @maxItems 30
   */
  navigation?: {
    key: Name;
    label: LocalizedText;
    icon?: string;
    order?: number;
    /**
     * @minItems 1
     * @maxItems 100
     */
    objects: Name[];
  }[];
  /**
   * Buttons the record page shows for the pack, opening one of its pages for the record (`:id` in the path is the record's id); shown only when the record's access answer allows `operation`.
   *
   * @maxItems 50
   */
  recordActions?: {
    object: Name;
    label: LocalizedText;
    path: UiPath;
    /**
     * The operation (standard or custom) the user must be allowed on the record.
     */
    operation?: string;
    icon?: string;
  }[];
  /**
   * Objects the pack keeps for its own use (runs, caches, batches), left out of the app's menu; those who may read them still reach their lists at /o/<object>.
   *
   * @maxItems 100
   */
  hiddenObjects?: Name[];
  /**
   * Panels the record page of an object shows for the pack: a Vue component of the pack (plugins/<pack>/ui/<component>) given the props {object, id, record}, shown only when the record's access answer allows `operation` (default read).
   *
   * @maxItems 50
   */
  recordPanels?: {
    object: Name;
    /**
     * A Vue single-file component relative to plugins/<pack>/ui/.
     */
    component: string;
    title: LocalizedText;
    /**
     * Panels are shown by ascending order (default 1000).
     */
    order?: number;
    /**
     * The operation (standard or custom) the user must be allowed on the record; read when absent.
     */
    operation?: string;
  }[];
  /**
   * Sections of the home page: lists of records and figures, each read through the user's permissions (a section on an object the user may not read is left out).
   */
  home?: {
    /**
     * @maxItems 12
     */
    lists?: {
      key: Name;
      title: LocalizedText;
      object: Name;
      /**
       * A filter in the filter language (docs/records.md), with $user.id, $user.department, $user.username and the day variables $today, $today+n, $today-n.
       */
      filter?: {};
      /**
       * Sort keys of the records API, e.g. due_date or -amount.
       */
      sort?: string;
      /**
       * Fields shown beside each record's title.
       *
       * @minItems 1
       * @maxItems 4
       */
      fields: Name[];
      limit?: number;
      /**
       * Sections are shown by ascending order (default 1000).
       */
      order?: number;
    }[];
    /**
     * @maxItems 12
     */
    figures?: {
      key: Name;
      title: LocalizedText;
      object: Name;
      /**
       * A filter in the filter language (docs/records.md), with $user.id, $user.department, $user.username and the day variables $today, $today+n, $today-n.
       */
      filter?: {};
      /**
       * count: the records counted; {sum: field}: a number field summed, with the count beside it.
       */
      measure:
        | 'count'
        | {
            sum: Name;
          };
      order?: number;
    }[];
  };
  /**
   * The pack's pages in the customer portal (/portal): its menu entries and pages, components in plugins/<pack>/ui/portal/ (docs/ui.md, "The portal").
   */
  portal?: {
    /**
     * @maxItems 50
     */
    menu?: {
      path: PortalPath;
      label: LocalizedText;
      icon?: string;
      order?: number;
    }[];
    /**
     * @maxItems 50
     */
    pages?: {
      path: PortalPath;
      /**
       * A Vue single-file component relative to plugins/<pack>/ui/portal/.
       */
      component: string;
      title: LocalizedText;
    }[];
    /**
     * The company details the portal's sign-up form asks for: fields of one of the pack's objects, shown with their labels, types and options (the pack's portalSignUp check decides what it accepts).
     */
    signUp?: {
      object: Name;
      /**
       * @minItems 1
       * @maxItems 20
       */
      fields: Name[];
    };
  };
}
