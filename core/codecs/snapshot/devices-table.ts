import { canonicalOrder } from '../../model/canonical-order.ts';
import type { Device, ExposureLevel, RiskScore } from '../../model/device.ts';
import { deviceGroupName, deviceId } from '../../model/ids.ts';
import { encodeList, listOf, oneOf, optionalText, snapshotInstant, text } from './cells.ts';
import { defineTable } from './table.ts';

const EXPOSURE_LEVELS: readonly ExposureLevel[] = ['None', 'Low', 'Medium', 'High'];
const RISK_SCORES: readonly RiskScore[] = ['None', 'Informational', 'Low', 'Medium', 'High'];

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
  decode: (row): Device => ({
    id: row.parse('id', deviceId),
    computerDnsName: row.raw('computerDnsName'),
    osPlatform: row.raw('osPlatform'),
    rbacGroupName: row.parse('rbacGroupName', deviceGroupName),
    machineTags: row.parse('machineTags', listOf(text)),
    exposureLevel: row.optional('exposureLevel', oneOf(EXPOSURE_LEVELS)),
    riskScore: row.optional('riskScore', oneOf(RISK_SCORES)),
    lastSeen: row.optional('lastSeen', snapshotInstant),
  }),
});
