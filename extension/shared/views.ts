/**
 * What the worker sends back for display: core's records plus what the rules derived for them, so
 * the content script renders without running rules or reading the store itself.
 */
import type {
  Activity,
  CalendarDate,
  DeviceGroupName,
  ExceptionStatus,
  GroupStatus,
  IntuneTask,
  Justification,
  Priority,
  RemediationException,
  TaskStatus,
} from '../../core/index.ts';

export interface Counts {
  readonly active: number;
  readonly overdue: number;
  readonly completed: number;
  readonly exceptionsInEffect: number;
  readonly recommendations: number;
  readonly devices: number;
}

export type CompletedBy = { kind: 'system' } | { kind: 'user'; email: string } | { kind: 'unknown' } | null;

/** One remediation step; `text` is the English wording, `kind` lets the page translate it. */
export interface StepView {
  readonly kind: string;
  readonly text: string;
  readonly subject: string;
}

export interface ActivityView {
  readonly activity: Activity;
  readonly recommendationName: string | null;
  /** Where the portal shows the related recommendation (R-STEP-1). */
  readonly recommendationLink: string | null;
  readonly steps: readonly StepView[];
  readonly overdue: boolean;
  readonly task: IntuneTask | null;
  /** R-INT-3: the statuses the ticket may move to next. */
  readonly taskNext: readonly TaskStatus[];
  readonly completedBy: CompletedBy;
  /** Target devices not (yet) fixed, left or vanished: what "mark complete" leaves exposed. Null when not tracked (R-ATTN-1). */
  readonly stillExposed: number | null;
  /** R-MERGE-2: other Active requests of the same recommendation with overlapping device groups. */
  readonly possibleDuplicates: readonly { readonly id: string; readonly title: string }[];
}

export interface ExceptionView {
  readonly exception: RemediationException;
  readonly status: ExceptionStatus;
  readonly recommendationName: string | null;
  readonly justification: Justification;
  /** R-EXC-4: each group's status (a group may be canceled alone); empty for a global exception. */
  readonly groups: readonly GroupStatus[];
}

export interface RecommendationSummary {
  readonly id: string;
  readonly name: string;
  readonly exposedDevices: number;
}

export interface RecommendationView {
  /** Every imported recommendation, for choosing one when the address names none. */
  readonly recommendations: readonly RecommendationSummary[];
  readonly selected: null | {
    readonly id: string;
    readonly name: string;
    readonly productName: string;
    readonly configuration: boolean;
    readonly types: readonly Activity['type'][];
    readonly defaultType: Activity['type'];
    readonly defaultPriority: Activity['priority'];
    /**
     * The due date the team's SLA gives a request made today, per priority (R-SLA-2); null where
     * the policy sets no SLA for it. The form starts from it; the user may change it (R-REQ-5).
     */
    readonly proposedDue: Readonly<Record<Priority, CalendarDate | null>>;
    /** Device groups with exposed devices, and how many in each. */
    readonly groups: readonly { readonly name: DeviceGroupName; readonly devices: number }[];
    /** R-INT-1: present only while the Intune connection is on. */
    readonly intuneOffered: boolean;
    readonly intuneLimit: number;
    /** R-EXC-2: groups that have no exception yet. */
    readonly exceptionGroups: readonly DeviceGroupName[];
    readonly globalExceptionOffered: boolean;
    readonly exceptions: readonly ExceptionView[];
    readonly activities: readonly ActivityView[];
  };
  /** "Today" for the form's date checks (R-REQ-5). */
  readonly today: string;
}

export interface RequestOutcome {
  readonly activityId: string;
  readonly targetDevices: number;
  /** R-INT-2: devices sent to the Intune task, and those left out by the limit. */
  readonly task: null | { readonly sent: number; readonly leftOut: number };
  /** R-REQ-4: the ready-made message for the IT administrator. */
  readonly notice: { readonly subject: string; readonly body: string; readonly mailto: string };
}

export interface DashboardView {
  /** R-TOP-1, most urgent first; the card shows the first few, "show more" the rest. */
  readonly top: readonly ActivityView[];
  readonly exceptions: readonly ExceptionView[];
}
