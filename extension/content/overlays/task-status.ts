/**
 * An activity's Intune security task as what it is: a record kept here, with the devices sent, for
 * the IT administrator to act on in Intune (R-INT-2). Its status moves only by a deliberate choice
 * (R-INT-3): no next status is chosen for the user, and the button waits for one.
 */
import type { TaskStatus } from '../../../core/index.ts';
import { h } from '../../shared/dom.ts';
import type { ActivityView } from '../../shared/views.ts';
import { key, type OverlayContext, problems } from './common.ts';

export function taskRecord(
  ctx: OverlayContext,
  view: ActivityView,
  changed: () => Promise<void>,
  out: HTMLElement,
): HTMLElement | null {
  const { t, send } = ctx;
  const task = view.task;
  if (!task) return null;
  const line = h(
    'div',
    { class: 'row muted task-record' },
    t('taskRecord', { sent: task.sentDevices }),
    task.leftOutDevices > 0 ? [' · ', t('taskLeftOutShort', { n: task.leftOutDevices })] : null,
  );
  if (view.taskNext.length === 0) return line;
  const selectId = `rd-task-${task.id}`;
  const submit = h('button', { type: 'submit', disabled: true }, t('setStatus'));
  const select = h(
    'select',
    {
      id: selectId,
      name: 'to',
      required: true,
      onChange: () => {
        submit.disabled = select.value === '';
      },
    },
    h('option', { value: '', selected: true }, t('chooseStatus')),
    view.taskNext.map((s) => h('option', { value: s }, t(key('task', s)))),
  );
  const form = h(
    'form',
    { class: 'row task-status' },
    h('label', { class: 'inline', for: selectId }, t('newTicketStatus')),
    select,
    h('input', { name: 'notes', 'aria-label': t('reviewerNotes'), placeholder: t('reviewerNotes') }),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (select.value === '') return;
    const data = new FormData(form);
    void (async () => {
      const reply = await send({
        type: 'task.setStatus',
        taskId: task.id,
        to: select.value as TaskStatus,
        notes: String(data.get('notes') ?? ''),
      });
      if (!reply.ok) return out.replaceChildren(problems(t, reply.error, reply.fields));
      await changed();
    })();
  });
  return h('div', null, line, form);
}
