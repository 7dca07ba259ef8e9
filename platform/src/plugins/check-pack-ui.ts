import fs from 'node:fs';
import path from 'node:path';
import { detail, type ErrorDetail } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import type { SchemaSnapshot } from '../core/snapshot-types.ts';
import { checkPackHome } from './check-pack-home.ts';
import type { Pack } from './pack-catalog.ts';

/**
 * What a pack's UI contributions refer to, checked at install: the objects its menu groups, hidden
 * objects, record actions and record panels name must exist, and each record panel's and portal page's component must be a file the
 * pack ships in its `ui/` folder (the manifest's schema already made it a `.vue` path inside it).
 */
export function checkPackUi(pack: Pack, snapshot: SchemaSnapshot): ErrorDetail[] {
  const { name, ui } = pack.manifest;
  const objectExists = (object: string) => snapshot.objects.has(object);
  const at = (pointer: string) => `/${name}/pack.json/ui/${pointer}`;
  const missing = (object: string, pointer: string) => (objectExists(object) ? [] : [detail(at(pointer), msg('pack.noObject', { name: object }))]);
  const absent = (component: string, pointer: string) => (fs.existsSync(path.join(pack.dir, 'ui', component)) ? [] : [detail(at(pointer), msg('pack.noComponent', { component }))]);
  return [
    ...(ui?.navigation ?? []).flatMap((group, i) => group.objects.flatMap((object, j) => missing(object, `navigation/${i}/objects/${j}`))),
    ...(ui?.hiddenObjects ?? []).flatMap((object, i) => missing(object, `hiddenObjects/${i}`)),
    ...(ui?.recordActions ?? []).flatMap((action, i) => missing(action.object, `recordActions/${i}/object`)),
    ...(ui?.recordPanels ?? []).flatMap((panel, i) => [...missing(panel.object, `recordPanels/${i}/object`), ...absent(panel.component, `recordPanels/${i}/component`)]),
    ...(ui?.portal?.pages ?? []).flatMap((page, i) => absent(`portal/${page.component}`, `portal/pages/${i}/component`)),
    ...(ui?.portal?.signUp ? checkSignUpFields(ui.portal.signUp, snapshot, at) : []),
  ];
}

/** The pack's home sections (`ui.home`), checked against the objects the install left (check-pack-home.ts). */
export function checkPackHomeSections(pack: Pack, snapshot: SchemaSnapshot): ErrorDetail[] {
  return checkPackHome(pack.manifest.ui?.home, snapshot, (pointer) => `/${pack.manifest.name}/pack.json/ui/${pointer}`);
}

/** The sign-up form's fields must be fields of the named object. */
function checkSignUpFields(signUp: { object: string; fields: string[] }, snapshot: SchemaSnapshot, at: (pointer: string) => string): ErrorDetail[] {
  const object = snapshot.objects.get(signUp.object);
  if (!object) return [detail(at('portal/signUp/object'), msg('pack.noObject', { name: signUp.object }))];
  return signUp.fields.flatMap((field, i) => (object.fields.get(field)?.definition ? [] : [detail(at(`portal/signUp/fields/${i}`), msg('pack.noObject', { name: `${signUp.object}.${field}` }))]));
}
