/**
 * One admin working in their own extension, for tests of the team archive: actions run through
 * core's rules on the admin's own state, and the bundle holds the changes its history records
 * beyond the state the admin started from, as the extension sends them (`changesInHistory`).
 */
import { applyChanges } from '../../../core/model/apply-changes.ts';
import type { ChangeBundle, TeamStateRef } from '../../../core/model/change-bundle.ts';
import { sequentialIds } from '../../../core/model/id-source.ts';
import type { DeviceGroupName, Email } from '../../../core/model/ids.ts';
import { email, exceptionId, recommendationId, taskId } from '../../../core/model/ids.ts';
import type { TaskStatus } from '../../../core/model/intune-task.ts';
import type { Result } from '../../../core/model/result.ts';
import type { ChangeSet, State } from '../../../core/model/state.ts';
import { calendarDate, type Instant } from '../../../core/model/time.ts';
import { cancelException } from '../../../core/rules/cancel-exception.ts';
import { changesInHistory } from '../../../core/rules/changes-in-history.ts';
import { createException } from '../../../core/rules/create-exception.ts';
import { markComplete } from '../../../core/rules/mark-complete.ts';
import { requestFormOptions } from '../../../core/rules/request-form.ts';
import { requestRemediation } from '../../../core/rules/request-remediation.ts';
import { setTaskStatus } from '../../../core/rules/task-status.ts';

export class AdminSession {
  state: State;
  readonly admin: Email;
  /** The events of the state the admin started from: the rest are theirs, still to send. */
  private readonly from: ReadonlySet<string>;
  private readonly ids;

  constructor(
    base: State,
    who: string,
    readonly install: string,
    readonly baseRef: TeamStateRef | null = null,
  ) {
    this.state = base;
    this.from = new Set(base.events.map((e) => e.id));
    this.admin = email(who);
    this.ids = sequentialIds(`${install}`);
  }

  /** Commits a rule's ChangeSet locally and keeps its changes; false when the rule refused. */
  private commit(result: Result<ChangeSet>): boolean {
    if (!result.ok) return false;
    this.state = applyChanges(this.state, result.value);
    return true;
  }

  request(
    rec: string,
    groups: 'all' | readonly DeviceGroupName[],
    at: Instant,
    intune = true,
  ): string | null {
    const found = this.state.recommendations.find((x) => x.id === rec);
    if (!found) return null;
    const r = requestRemediation(
      {
        recommendationId: recommendationId(rec),
        // What the request form proposes (R-REQ-2).
        type: requestFormOptions(found, { intuneEnabled: true }, this.state).defaultType,
        groups,
        priority: 'High',
        dueOn: calendarDate('2099-01-01'),
        notes: `${this.admin} asked`,
        createIntuneTask: intune,
      },
      { state: this.state, now: at, actor: this.admin, ids: this.ids, settings: { intuneEnabled: true } },
    );
    if (!r.ok) return null;
    this.commit({ ok: true, value: r.value.changes });
    return r.value.activity.id;
  }

  complete(activity: string, at: Instant): boolean {
    const a = this.state.activities.find((x) => x.id === activity);
    return a !== undefined && this.commit(markComplete(a, this.admin, at));
  }

  setTask(task: string, to: TaskStatus, at: Instant, notes = ''): boolean {
    const t = this.state.tasks.find((x) => x.id === taskId(task));
    return t !== undefined && this.commit(setTaskStatus(t, to, notes, this.admin, at));
  }

  except(rec: string, groups: 'global' | readonly DeviceGroupName[], at: Instant): string | null {
    const r = createException(
      {
        recommendationId: recommendationId(rec),
        justification: 'RiskAccepted',
        context: `${this.admin}'s reason`,
        expiry: { days: 30 },
        scope: groups === 'global' ? { kind: 'global' } : { kind: 'groups', groups },
      },
      { state: this.state, now: at, actor: this.admin, ids: this.ids, isAdmin: true },
    );
    if (!r.ok) return null;
    this.commit({ ok: true, value: r.value.changes });
    return r.value.exception.id;
  }

  cancel(exception: string, group: DeviceGroupName | null, at: Instant): boolean {
    const x = this.state.exceptions.find((e) => e.id === exceptionId(exception));
    return x !== undefined && this.commit(cancelException(x, group, this.admin, at, this.ids));
  }

  bundle(createdAt: Instant): ChangeBundle {
    return {
      admin: this.admin,
      install: this.install,
      base: this.baseRef,
      createdAt,
      changes: changesInHistory(this.state, (e) => !this.from.has(e.id)).changes,
    };
  }
}
