/**
 * The remediation request form (R-REQ-1..5, R-ATTN-1, R-INT-1/2) and what it says after (R-REQ-4).
 * It respects the recommendation's exceptions (R-REQ-6): excepted groups are shown with their
 * exceptions and start unchosen; and it warns, from the activities it was given, before a request
 * that would be a possible duplicate of an active one (R-MERGE-2). Its due date starts at what the
 * team's SLA gives the chosen priority (R-SLA-2).
 */
import {
  type DeviceGroupName,
  NOTES_MAX_LENGTH,
  overlappingActivities,
  PRIORITIES,
  type Priority,
  type RequestGroups,
  recommendationId,
  requestGroupChoices,
} from '../../../core/index.ts';
import { h, render } from '../../shared/dom.ts';
import type { RecommendationView, RequestOutcome } from '../../shared/views.ts';
import { key, type OverlayContext, problems } from './common.ts';
import { emailField, saveEmailIfAsked } from './email-field.ts';

type Selected = NonNullable<RecommendationView['selected']>;

export interface RequestFormHooks {
  /** The form is submitting: a redraw from the data changing under it must wait. */
  readonly hold: () => void;
  readonly refresh: () => Promise<void>;
}

export function requestForm(
  ctx: OverlayContext,
  rec: Selected,
  today: string,
  askEmail: boolean,
  hooks: RequestFormHooks,
  signal: AbortSignal,
): HTMLElement {
  const { t, send } = ctx;
  const form = h('form', { class: 'request', 'aria-label': t('requestRemediation') });
  const out = h('div', { class: 'outcome', 'aria-live': 'polite' });
  let type = rec.defaultType;
  const choices = requestGroupChoices(rec.groups, rec.exceptions);
  const exceptionNames = new Map(
    rec.exceptions.map((x) => [
      x.exception.id,
      `${t(key('justification', x.justification))} (${t('expiresOn', { d: x.exception.expiresOn })})`,
    ]),
  );

  const allBox = h('input', { type: 'checkbox', name: 'allGroups', checked: choices.allByDefault });
  const groupBoxes = choices.groups.map((g) => ({
    choice: g,
    box: h('input', {
      type: 'checkbox',
      name: 'group',
      value: g.name,
      checked: !choices.allByDefault && g.chosenByDefault,
    }),
  }));
  const chosenGroups = (): RequestGroups =>
    allBox.checked ? 'all' : groupBoxes.filter((g) => g.box.checked).map((g) => g.choice.name);
  const chosenDevices = (): number => {
    const chosen = chosenGroups();
    return choices.groups
      .filter((g) => chosen === 'all' || chosen.includes(g.name))
      .reduce((n, g) => n + g.devices, 0);
  };

  const intuneLine = h('div', { class: 'muted intune-count', 'aria-live': 'polite' });
  const duplicateLine = h('div', { class: 'duplicate-warning', 'aria-live': 'polite' });
  const groupsChanged = (): void => {
    const n = chosenDevices();
    intuneLine.textContent =
      n > rec.intuneLimit
        ? t('intuneLimit', { sent: rec.intuneLimit, left: n - rec.intuneLimit, limit: rec.intuneLimit })
        : t('intuneAll', { n });
    const chosen = chosenGroups();
    const overlapping =
      chosen !== 'all' && chosen.length === 0
        ? []
        : overlappingActivities(
            { activities: rec.activities.map((v) => v.activity) },
            recommendationId(rec.id),
            chosen,
          );
    render(
      duplicateLine,
      overlapping.length === 0
        ? null
        : h(
            'p',
            { class: 'warning', role: 'status' },
            t('duplicateWarning', {
              titles: overlapping
                .map((a) => `${a.title} (${a.requesterEmail ?? '—'}, ${a.createdOn.slice(0, 10)})`)
                .join('; '),
            }),
          ),
    );
  };

  // R-SLA-2: the date proposed is the team's SLA for the priority, and follows the priority until
  // the user sets a date themselves; no SLA for it leaves the date for the user (R-REQ-5 checks it).
  let dueEdited = false;
  const prioritySelect = h(
    'select',
    { id: 'rd-priority', name: 'priority', onChange: () => proposeDue() },
    PRIORITIES.map((p) =>
      h('option', { value: p, selected: p === rec.defaultPriority }, t(key('priority', p))),
    ),
  );
  const dueInput = h('input', {
    id: 'rd-due',
    name: 'dueOn',
    type: 'date',
    min: today,
    required: true,
    onInput: () => {
      dueEdited = true;
    },
  });
  const proposeDue = (): void => {
    if (!dueEdited) dueInput.value = rec.proposedDue[prioritySelect.value as Priority] ?? '';
  };
  proposeDue();

  // Only the parts that depend on the type are redrawn when it changes: typed values stay.
  const dueSlot = h('div', { class: 'due-slot' });
  const intuneSlot = h('div', { class: 'intune-slot' });
  const typeDependent = (): void => {
    // R-ATTN-1: for attention required the due date field does not exist at all.
    render(
      dueSlot,
      type === 'AttentionRequired' ? null : [h('label', { for: 'rd-due' }, t('dueDate')), dueInput],
    );
    // R-INT-1: absent (not disabled) unless the Intune connection is on.
    render(
      intuneSlot,
      rec.intuneOffered && type !== 'AttentionRequired'
        ? [
            h(
              'label',
              { class: 'inline' },
              h('input', { type: 'checkbox', name: 'intuneTask', onChange: groupsChanged }),
              t('intuneTask'),
            ),
            h('div', { class: 'muted' }, t('intuneHint')),
            intuneLine,
          ]
        : null,
    );
    groupsChanged();
  };

  const anyExcepted = choices.groups.some((g) => g.exceptedBy.length > 0);
  render(
    form,
    h('h3', null, rec.name),
    emailField(t, askEmail),
    h('label', { for: 'rd-type' }, t('remediationType')),
    h(
      'select',
      {
        id: 'rd-type',
        name: 'type',
        onChange: (e) => {
          type = (e.target as HTMLSelectElement).value as typeof type;
          typeDependent();
        },
      },
      rec.types.map((v) => h('option', { value: v, selected: v === type }, t(key('type', v)))),
    ),
    h(
      'fieldset',
      { class: 'groups', onChange: groupsChanged },
      h('legend', null, t('deviceGroups')),
      h('label', { class: 'inline' }, allBox, t('allGroups')),
      groupBoxes.map(({ choice, box }) => [
        h('label', { class: 'inline' }, box, `${choice.name} (${t('devicesCount', { n: choice.devices })})`),
        choice.exceptedBy.length > 0
          ? h(
              'div',
              { class: 'excepted', 'data-group': choice.name },
              t('exceptedDevices', {
                n: choice.devices,
                exceptions: choice.exceptedBy.map((id) => exceptionNames.get(id) ?? id).join('; '),
              }),
            )
          : null,
      ]),
      anyExcepted ? h('p', { class: 'muted excepted-hint' }, t('exceptedHint')) : null,
    ),
    duplicateLine,
    h('label', { for: 'rd-priority' }, t('priority')),
    prioritySelect,
    dueSlot,
    h('label', { for: 'rd-notes' }, t('notes')),
    h('textarea', { id: 'rd-notes', name: 'notes', maxlength: NOTES_MAX_LENGTH }),
    intuneSlot,
    h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit' }, t('submitRequest'))),
  );
  typeDependent();

  form.addEventListener(
    'submit',
    (e) => {
      e.preventDefault();
      // The data changes under the form as it is submitted: that redraw must not wipe the outcome.
      hooks.hold();
      void (async () => {
        if (!(await saveEmailIfAsked(ctx, form, out))) return;
        const data = new FormData(form);
        const groups = chosenGroups();
        const reply = await send({
          type: 'remediation.request',
          recommendationId: rec.id,
          remediationType: type,
          // An empty list asks for every group (R-REQ-1).
          groups: groups === 'all' ? [] : groups.map((g: DeviceGroupName) => String(g)),
          priority: String(data.get('priority')) as Priority,
          dueOn: type === 'AttentionRequired' ? null : String(data.get('dueOn') ?? '') || null,
          notes: String(data.get('notes') ?? ''),
          intuneTask: data.get('intuneTask') === 'on',
        });
        if (!reply.ok) return out.replaceChildren(problems(t, reply.error, reply.fields));
        form.replaceWith(outcome(reply.value));
        out.remove();
      })();
    },
    { signal },
  );
  return h('div', null, form, out);

  /** R-REQ-4: what was created, and the ready-made note for the IT administrator. */
  function outcome(o: RequestOutcome): HTMLElement {
    const copyButton = h(
      'button',
      {
        type: 'button',
        onClick: () => {
          void navigator.clipboard.writeText(`${o.notice.subject}\n\n${o.notice.body}`).then(
            () => {
              copyButton.textContent = t('copied');
            },
            () => undefined,
          );
        },
      },
      t('copy'),
    );
    return h(
      'div',
      { class: 'outcome', role: 'status' },
      h('p', { class: 'ok requested' }, t('requested', { n: o.targetDevices })),
      o.task
        ? h('p', { class: 'task-left-out' }, t('taskLeftOut', { sent: o.task.sent, left: o.task.leftOut }))
        : null,
      h('h3', null, t('notifyAdmin')),
      h('pre', { class: 'notice' }, `${o.notice.subject}\n\n${o.notice.body}`),
      h(
        'div',
        { class: 'row' },
        copyButton,
        h('a', { href: o.notice.mailto, class: 'mailto' }, t('sendEmail')),
        h('button', { type: 'button', onClick: () => void hooks.refresh() }, t('close')),
      ),
    );
  }
}
