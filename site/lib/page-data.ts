/**
 * What a page is rendered from. A rendering thread (site/renderer/thread.ts) reads the archive
 * once, before or while the pages compile, and hands what it read to every page it renders as
 * Astro's `locals`. The threads that render only device lists read only the device tables.
 */
import type { DeviceReport } from './device-report.ts';
import type { Report } from './report.ts';

export interface PageData {
  /** What device lists need; in the thread that read the whole archive, the full report itself. */
  readonly devices: DeviceReport;
  /** What every other page needs: only in the thread that read the whole archive. */
  readonly report: Report | null;
}

export const deviceReport = (locals: App.Locals): DeviceReport => locals.remdesk.devices;

export function fullReport(locals: App.Locals): Report {
  const { report } = locals.remdesk;
  if (report === null) throw new Error('this page needs the whole archive, which its thread has not read');
  return report;
}
