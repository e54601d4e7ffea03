/**
 * What a page is rendered from, as Astro's `locals`. A rendering thread (site/renderer/thread.ts)
 * reads the archive once and hands what it read to every page it renders: the thread that reads
 * the whole archive holds the Report, the threads that render only device lists read only the
 * device tables and hold a DeviceReport.
 */
import type { DeviceReport } from './device-report.ts';
import type { Report } from './report.ts';

export type PageData =
  | { readonly kind: 'report'; readonly report: Report }
  | { readonly kind: 'devices'; readonly devices: DeviceReport };

/** What a device list needs, which either kind holds (a Report is a DeviceReport). */
export const deviceReport = ({ remdesk }: App.Locals): DeviceReport =>
  remdesk.kind === 'report' ? remdesk.report : remdesk.devices;

/**
 * The whole report, or null in a thread that read only the device tables: a page without it
 * answers 404, which fails the build (renderer/write-pages.ts). Components are handed it.
 */
export const fullReport = ({ remdesk }: App.Locals): Report | null =>
  remdesk.kind === 'report' ? remdesk.report : null;
