/** Creating an exception (R-EXC-1/2) and canceling it, or one of its groups (R-EXC-4). */
import {
  calendarDate,
  cancelException,
  createException,
  deviceGroupName,
  exceptionId,
  randomIds,
  recommendationId,
} from '../../../core/index.ts';
import { commit, currentState } from '../data.ts';
import { actor, checked, type HandlerTable, now, refuse } from './common.ts';

export const exceptionHandlers: HandlerTable<'exception.create' | 'exception.cancel'> = {
  'exception.create': async (req) => {
    const [state, who] = [await currentState(), await actor()];
    const { expiry: choice, scope } = req;
    // The day count is one of core's choices already (parseRequest); a date is checked here.
    const expiry =
      choice.kind === 'days'
        ? { days: choice.days }
        : { on: checked('expiry', () => calendarDate(choice.on)) };
    const result = createException(
      {
        recommendationId: checked('recommendationId', () => recommendationId(req.recommendationId)),
        justification: req.justification,
        context: req.context,
        expiry,
        scope:
          scope.kind === 'global'
            ? { kind: 'global' }
            : {
                kind: 'groups',
                groups: scope.groups.map((g) => checked('groups', () => deviceGroupName(g))),
              },
      },
      // PD for a local tool: the person running it administers it, so global exceptions are allowed.
      { state, now: now(), actor: who, ids: randomIds(), isAdmin: true },
    );
    if (!result.ok) return refuse(result.errors);
    await commit(result.value.changes);
    return { exceptionId: result.value.exception.id };
  },

  'exception.cancel': async (req) => {
    const [state, who] = [await currentState(), await actor()];
    const id = checked('exceptionId', () => exceptionId(req.exceptionId));
    const exc = state.exceptions.find((e) => e.id === id);
    if (!exc) return refuse([{ field: 'exceptionId', message: 'not found' }]);
    const group = req.group === null ? null : checked('group', () => deviceGroupName(req.group as string));
    const result = cancelException(exc, group, who, now(), randomIds());
    if (!result.ok) return refuse(result.errors);
    await commit(result.value);
    return null;
  },
};
