import { canonicalOrder } from '../../model/canonical-order.ts';
import { type Device, EXPOSURE_LEVELS, RISK_SCORES } from '../../model/device.ts';
import { deviceGroupName, deviceId } from '../../model/ids.ts';
import { encodeList, listOf, oneOf, optionalText, snapshotInstant, text } from './cells.ts';
import { defineTable } from './table.ts';

export const devicesTable = defineTable({
  file: 'devices.csv',
  columns: [
    'id',
    'computerDnsName',
    'osPlatform',
    'rbacGroupName',
    'machineTags',
    'exposureLevel',
    'riskScore',
    'lastSeen',
  ],
  keyField: 'id',
  key: (d: Device) => d.id,
  order: canonicalOrder.devices,
  orderedByKey: true,
  encode: (d: Device) => ({
    id: d.id,
    computerDnsName: d.computerDnsName,
    osPlatform: d.osPlatform,
    rbacGroupName: d.rbacGroupName,
    machineTags: encodeList(d.machineTags),
    exposureLevel: optionalText(d.exposureLevel),
    riskScore: optionalText(d.riskScore),
    lastSeen: optionalText(d.lastSeen),
  }),
  // Every column but the id and name repeats across devices (groups, platforms, tag lists, the
  // scan time): interned, each distinct cell is parsed once and the devices share its value. The
  // id is interned too, so the other tables of the snapshot that name a device share its string.
  decode: (row): Device => ({
    id: row.interned('id', deviceId),
    computerDnsName: row.kept('computerDnsName'),
    osPlatform: row.interned('osPlatform', text),
    rbacGroupName: row.interned('rbacGroupName', deviceGroupName),
    machineTags: row.interned('machineTags', listOf(text)),
    exposureLevel: row.optionalInterned('exposureLevel', oneOf(EXPOSURE_LEVELS)),
    riskScore: row.optionalInterned('riskScore', oneOf(RISK_SCORES)),
    lastSeen: row.optionalInterned('lastSeen', snapshotInstant),
  }),
});
