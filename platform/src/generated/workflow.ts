/* Generated from metadata/schemas/workflow.schema.json by platform/scripts/generate-types.ts. Do not edit. */

export type Name = string;
/**
 * A target state, a guarded transition, or a list of them tried in order (the first whose condition holds wins).
 */
export type Transitions = Name | Transition | (Name | Transition)[];
export type Action =
  | {
      /**
       * Field values written to the record (with history).
       */
      set: Record<string, unknown>;
    }
  | {
      notify: {
        to: Approver | Approver[];
        message: LocalizedText;
        /**
         * Also send an e-mail when SMTP is configured.
         */
        email?: boolean;
      };
    }
  | {
      createRecord: {
        object: Name;
        /**
         * Field values; a string {"$field": path} copies a value from the record.
         */
        values: Record<string, unknown>;
      };
    }
  | {
      webhook: {
        url: string;
        headers?: {
          [k: string]: string;
        };
      };
    }
  | {
      /**
       * The name of an action a plugin registered (e.g. 'crm.assign_territory').
       */
      run: string;
      /**
       * The action's parameters, checked by the action when the workflow is saved.
       */
      params?: Record<string, unknown>;
    };
export type Approver =
  | {
      /**
       * A user id.
       */
      user: string;
    }
  | {
      role: Name;
    }
  | {
      /**
       * A department lookup (e.g. _department) or a user lookup (its user's department); its head decides.
       */
      departmentHeadOf: string;
    }
  | {
      /**
       * A user lookup (e.g. _owner); that user's manager decides.
       */
      managerOf: string;
    }
  | {
      /**
       * A user lookup path on the record; that user decides.
       */
      field: string;
    };
/**
 * @maxItems 20
 */
export type Actions = Action[];
export type Duration = string;
/**
 * Actions run when a record enters the state.
 *
 * @maxItems 20
 */
export type Actions1 = Action[];
/**
 * Actions run when a record leaves the state.
 *
 * @maxItems 20
 */
export type Actions2 = Action[];
/**
 * The states whose entry starts the clock. Default: the clock starts when the record is submitted.
 *
 * @maxItems 100
 */
export type States = Name[];
/**
 * The states in which the clock stands still (e.g. waiting for the customer).
 *
 * @maxItems 100
 */
export type States1 = Name[];
/**
 * The states in which the SLA ends: met if in time, breached if late. Default: the final states.
 *
 * @maxItems 100
 */
export type States2 = Name[];

/**
 * An approval workflow (SPEC 5.5): the states a record of one object moves through, who decides in approval states, and what happens on the way. Interpreted as an xstate machine; every PUT stores a new version and running instances stay on theirs.
 */
export interface WorkflowDefinition {
  name: Name;
  label?: LocalizedText;
  description?: string;
  /**
   * The object whose records this workflow moves.
   */
  object: string;
  /**
   * Inactive workflows start no new instances; running ones continue. Default true.
   */
  active?: boolean;
  /**
   * Lets the user who submitted a record, or owns it, decide its approval tasks. Default false: they are left out when approvers are resolved, cannot be delegated a task on it and cannot decide one.
   */
  allowSelfApproval?: boolean;
  /**
   * The state a record enters when it is submitted.
   */
  initial: string;
  states: {
    [k: string]: State;
  };
  /**
   * How people read the events a person sends (a transition's key in `on`): a label per event in each language. Events without one are named by the platform's own wording (submit, approve, reject, ...) or a humanised name.
   */
  events?: {
    [k: string]: {
      label: LocalizedText;
    };
  };
  /**
   * Service-level clocks that run while a record is in some states, pause in others and stop at the end; when one runs out the record is escalated, reminded or moved on, once.
   *
   * @maxItems 10
   */
  slas?: Sla[];
}
export interface LocalizedText {
  en?: string;
  'zh-CN'?: string;
}
export interface State {
  label?: LocalizedText;
  /**
   * A final state ends the workflow.
   */
  type?: 'final';
  /**
   * Only for final states: while a record rests here (its latest instance of this workflow ended here), a non-superuser's change becomes a pending change that starts this workflow again and applies when the new round ends in a locked state; deleting and transferring the record are refused.
   */
  locked?: boolean;
  /**
   * With locked: only changes of these fields wait for re-approval; other fields stay editable as the roles allow. Absent: every change waits.
   *
   * @minItems 1
   */
  lockedFields?: Name[];
  /**
   * Per event name, where the record goes. Approval states must handle approve and reject.
   */
  on?: {
    [k: string]: Transitions;
  };
  approval?: Approval;
  timeout?: Timeout;
  entry?: Actions1;
  exit?: Actions2;
}
export interface Transition {
  target: Name;
  /**
   * A condition on the record in the filter language (SPEC 5.3).
   */
  when?: Record<string, unknown>;
  actions?: Actions;
}
export interface Approval {
  /**
   * Who decides; a list means all of them are asked.
   */
  approvers: Approver | Approver[];
  /**
   * any: the first decision wins; all: countersign, one reject rejects; percent: approved once that share of approvers approve. Default any.
   */
  mode?:
    | ('any' | 'all')
    | {
        percent: number;
      };
  /**
   * How long approvers have, as an ISO 8601 duration such as P2D or PT48H (shown as the task's due date).
   */
  dueIn?: string;
  /**
   * The fields an approver who has no role on the object may read while their task is open (approver-facing fields). Default: the object's title field plus the fields the workflow's conditions and approvers use.
   *
   * @maxItems 100
   */
  fields?: Name[];
}
/**
 * What happens when a record has been in the state this long: escalate to more approvers, remind the approvers, or send an event.
 */
export interface Timeout {
  after: Duration;
  escalateTo?: Approver;
  remind?: boolean;
  event?: Name;
  /**
   * A calendar (GET /api/meta/calendars) on which `after` counts working time; `after` then says hours, minutes or seconds (PT8H).
   */
  calendar?: string;
}
export interface Sla {
  name: Name;
  label?: LocalizedText;
  /**
   * The time allowed, an ISO 8601 duration without years or months; on a calendar, working hours, minutes or seconds (PT4H).
   */
  after: string;
  /**
   * A calendar on which the SLA counts working time; without one it counts every hour.
   */
  calendar?: string;
  /**
   * A condition on the record in the filter language (SPEC 5.3), tested when the clock would start: the SLA applies only to records that meet it (e.g. one resolution time per priority).
   */
  when?: Record<string, unknown>;
  startIn?: States;
  pausedIn?: States1;
  stopIn?: States2;
  /**
   * Approvers added to the open approval tasks when the SLA runs out.
   */
  escalateTo?:
    | {
        /**
         * A user id.
         */
        user: string;
      }
    | {
        role: Name;
      }
    | {
        /**
         * A department lookup (e.g. _department) or a user lookup (its user's department); its head decides.
         */
        departmentHeadOf: string;
      }
    | {
        /**
         * A user lookup (e.g. _owner); that user's manager decides.
         */
        managerOf: string;
      }
    | {
        /**
         * A user lookup path on the record; that user decides.
         */
        field: string;
      };
  /**
   * Notify the assignees of the open tasks when the SLA runs out.
   */
  remind?: boolean;
  /**
   * An event sent as the workflow when the SLA runs out.
   */
  event?: string;
  /**
   * A date-time field of the record the due moment is written to (empty while paused).
   */
  dueField?: string;
}
