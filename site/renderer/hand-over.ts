/**
 * What the thread that reads the whole archive is handed rather than reads itself:
 * - the device tables of the latest snapshot, from a thread that renders device lists (which
 *   decodes them for itself): a large snapshot's two largest tables are decoded once per build
 *   instead of twice;
 * - what the metrics read of every snapshot, from the build, which reads it while the pages compile
 *   and the latest snapshot is decoded.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ActivityDevice, Device } from '../../core/index.ts';
import type { HandedTables } from '../lib/load-archive.ts';
import type { MetricsHistory } from '../lib/load-metrics.ts';
import { type PackedRows, packRows, transferablesOf, unpackRows } from './packed-rows.ts';

/** The one message on the port between the two threads. */
interface HandOverMessage {
  readonly label: string;
  readonly at: HandedTables['at'];
  readonly devices: PackedRows<Device>;
  readonly activityDevices: PackedRows<ActivityDevice>;
}

export function handOver(port: MessagePort, tables: HandedTables): void {
  const devices = packRows(tables.state.devices);
  const activityDevices = packRows(tables.state.activityDevices);
  const message: HandOverMessage = { label: tables.label, at: tables.at, devices, activityDevices };
  port.postMessage(message, [...transferablesOf(devices), ...transferablesOf(activityDevices)]);
}

/** The tables handed over on `port`, which is closed once they arrive. */
export function takeOver(port: MessagePort): Promise<HandedTables> {
  return new Promise((resolve) => {
    port.once('message', (m: HandOverMessage) => {
      port.close();
      resolve({
        label: m.label,
        at: m.at,
        state: { devices: unpackRows(m.devices), activityDevices: unpackRows(m.activityDevices) },
      });
    });
  });
}

/** The history, on the port from the build: figures and burn-downs, small enough to post as they are. */
export const handOverHistory = (port: MessagePort, history: MetricsHistory): void =>
  port.postMessage(history);

/** The history handed over on `port`, which is closed once it arrives. */
export function takeOverHistory(port: MessagePort): Promise<MetricsHistory> {
  return new Promise((resolve) => {
    port.once('message', (m: MetricsHistory) => {
      port.close();
      resolve(m);
    });
  });
}
