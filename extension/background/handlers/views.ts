/** The reads the overlays draw from: the stored state, turned into views by the pure builders. */
import { currentState, listState } from '../data.ts';
import { recommendationView } from '../recommendation-view.ts';
import { loadSettings } from '../settings-store.ts';
import { teamSettings } from '../team-state.ts';
import { activityViews, byCreatedDesc, counts, dashboardView, exceptionViews } from '../views.ts';
import { type HandlerTable, now } from './common.ts';

export const viewHandlers: HandlerTable<
  'counts.get' | 'dashboard.get' | 'recommendation.view' | 'exceptions.list' | 'activities.list'
> = {
  'counts.get': async () => counts(await currentState(), now()),

  'dashboard.get': async () => dashboardView(await listState(), now()),

  'recommendation.view': async (req) => {
    const [state, settings, team] = [await currentState(), await loadSettings(), await teamSettings()];
    return recommendationView(state, req.recommendationId, now(), settings.intuneEnabled, team.sla);
  },

  'exceptions.list': async () => {
    const state = await listState();
    return exceptionViews(state, [...state.exceptions].sort(byCreatedDesc), now());
  },

  'activities.list': async () => {
    const state = await listState();
    return activityViews(state, [...state.activities].sort(byCreatedDesc), now());
  },
};
