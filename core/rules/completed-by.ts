import type { Activity } from '../model/activity.ts';
import type { Email } from '../model/ids.ts';

/** Who completed an activity; surfaces show system → "System confirmation", unknown → "N/A". */
export type CompletedBy =
  | { readonly kind: 'system' }
  | { readonly kind: 'user'; readonly email: Email }
  | { readonly kind: 'unknown' };

/** R-DONE-1..3: "Completed by", or null while the activity is still Active. */
export function completedBy(activity: Activity): CompletedBy | null {
  if (activity.status === 'Active') return null;
  const c = activity.completion;
  switch (c.method) {
    case 'Automatic':
      return { kind: 'system' };
    case 'Manual':
      return { kind: 'user', email: c.completerEmail };
    case 'Unknown':
      return { kind: 'unknown' };
  }
}
