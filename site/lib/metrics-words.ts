/**
 * How the pages word core's metrics, the same on the overview, the metrics page and its tables:
 * core's numbers as they are, "–" where core gives none (nothing to measure), never 0 or 100%.
 */
import type { Compliance } from '../../core/index.ts';
import type { I18n } from '../i18n/index.ts';

/** M-SLA-1: the share, and what it counts ("30 of 60 on time"). */
export const complianceWords = ({ t, share }: I18n, c: Compliance) => ({
  share: c.share === null ? '–' : share(c.share),
  counts:
    c.closed === 0
      ? t('metrics.complianceNone')
      : t('metrics.complianceCounts', { onTime: c.onTime, closed: c.closed }),
});

/** M-TTR-1: days to one decimal as core gives them. */
export const daysWords = ({ t }: I18n, n: number | null): string =>
  n === null ? '–' : t('metrics.days', { n });
