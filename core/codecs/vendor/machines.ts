import { type Device, EXPOSURE_LEVELS, RISK_SCORES } from '../../model/device.ts';
import { type FieldReader, type JsonRecord, readRecords } from './fields.ts';
import { readMachineReference } from './machine-references.ts';

/** The full machine entity of the vendor's Machines API: a reference plus tags, exposure, risk, last seen. */
function readMachine(f: FieldReader): Device {
  return {
    ...readMachineReference(f),
    machineTags: f.strings('machineTags'),
    exposureLevel: f.optOneOf('exposureLevel', EXPOSURE_LEVELS),
    riskScore: f.optOneOf('riskScore', RISK_SCORES),
    lastSeen: f.optInstant('lastSeen'),
  };
}

export const parseMachines = (records: readonly JsonRecord[], file: string): Device[] =>
  readRecords(records, file, readMachine);
