import type { Device } from '../../model/device.ts';
import { type DeviceGroupName, deviceGroupName, deviceId, UNASSIGNED_GROUP } from '../../model/ids.ts';
import { type FieldReader, type JsonRecord, readRecords } from './fields.ts';

/** PD: a device with no group (null or empty `rbacGroupName`) is in the vendor's "UnassignedGroup". */
export function readDeviceGroup(f: FieldReader, name: string): DeviceGroupName {
  const raw = f.optString(name);
  return raw === null || raw.trim() === '' ? UNASSIGNED_GROUP : f.parsed(name, raw, deviceGroupName);
}

/**
 * A machine reference (`{id, computerDnsName, osPlatform, rbacGroupName}`): what the vendor lists
 * as an activity's or a recommendation's devices. It says nothing more of the device.
 */
export function readMachineReference(f: FieldReader): Device {
  return {
    id: f.id('id', deviceId),
    computerDnsName: f.text('computerDnsName'),
    osPlatform: f.text('osPlatform'),
    rbacGroupName: readDeviceGroup(f, 'rbacGroupName'),
    machineTags: [],
    exposureLevel: null,
    riskScore: null,
    lastSeen: null,
  };
}

export const parseMachineReferences = (records: readonly JsonRecord[], file: string): Device[] =>
  readRecords(records, file, readMachineReference);
