import type { PackFieldType, PackRegistry, WorkflowAction } from '../core/ports.ts';
import type { RegisteredKind } from '../definitions/definition-kinds.ts';
import type { PortalSignUpHandler } from './plugin-api.ts';

const PLATFORM_KINDS: ReadonlySet<string> = new Set(['object', 'role', 'workflow', 'pack', 'calendar']);
const PLATFORM_PLURALS: ReadonlySet<string> = new Set(['objects', 'roles', 'workflows', 'packs', 'calendars']);
const ACTION_NAME = /^[a-z][a-z0-9_]{0,62}(\.[a-z][a-z0-9_]{0,62})?$/;

/**
 * What the packs of one plugin host registered: definition kinds, field types and workflow actions.
 * Each host has its own, so two servers in one process (integration tests boot several) never see
 * each other's; contexts reach the field types and actions through their `registry` port.
 */
export class PackRegistrations implements PackRegistry {
  private readonly registeredKinds = new Map<string, RegisteredKind>();
  private readonly fieldTypes = new Map<string, PackFieldType>();
  private readonly workflowActions = new Map<string, WorkflowAction>();
  private signUp: { pack: string; handler: PortalSignUpHandler } | undefined;

  /** The registered kinds in registration order, so a kind may refer to an earlier one (dashboards to reports). */
  get kinds(): Iterable<RegisteredKind> {
    return this.registeredKinds.values();
  }

  addKind(kind: RegisteredKind): void {
    const plural = PLATFORM_PLURALS.has(kind.plural) || [...this.registeredKinds.values()].some((k) => k.plural === kind.plural);
    if (PLATFORM_KINDS.has(kind.kind) || this.registeredKinds.has(kind.kind) || plural) {
      throw new Error(`Pack '${kind.pack}': the definition kind '${plural ? kind.plural : kind.kind}' already exists.`);
    }
    this.registeredKinds.set(kind.kind, kind);
  }

  kindByName(kind: string): RegisteredKind | undefined {
    return this.registeredKinds.get(kind);
  }

  kindByPlural(plural: string): RegisteredKind | undefined {
    for (const kind of this.registeredKinds.values()) if (kind.plural === plural) return kind;
    return undefined;
  }

  /** Adds `<pack>.<name>`, which object definitions name in a field's `fieldType`. */
  addFieldType(name: string, type: PackFieldType): void {
    if (this.fieldTypes.has(name)) throw new Error(`The field type '${name}' is already registered.`);
    this.fieldTypes.set(name, type);
  }

  fieldType(name: string): PackFieldType | undefined {
    return this.fieldTypes.get(name);
  }

  /** Adds an action that workflow definitions run as `{"run": "<name>", "params": {…}}`; packs' names are `<pack>.<name>`. */
  addWorkflowAction(name: string, action: WorkflowAction): void {
    if (!ACTION_NAME.test(name)) throw new Error(`'${name}' is not a valid workflow action name.`);
    if (this.workflowActions.has(name)) throw new Error(`The workflow action '${name}' is already registered.`);
    this.workflowActions.set(name, action);
  }

  workflowAction(name: string): WorkflowAction | undefined {
    return this.workflowActions.get(name);
  }

  /** The pack taking part in portal self-registration; a second one is a start-up error. */
  setPortalSignUp(pack: string, handler: PortalSignUpHandler): void {
    if (this.signUp) throw new Error(`Pack '${pack}': the pack '${this.signUp.pack}' already handles portal sign-ups.`);
    this.signUp = { pack, handler };
  }

  get portalSignUp(): { pack: string; handler: PortalSignUpHandler } | undefined {
    return this.signUp;
  }
}
