/** A vendor OData envelope around records, pretty-printed like the API (one field per line). */
export const envelope = (context: string, records: readonly object[]): string =>
  JSON.stringify(
    { '@odata.context': `https://api.securitycenter.microsoft.com/api/$metadata#${context}`, value: records },
    null,
    4,
  );

/**
 * One remediation activity as the vendor's API lists it (an active Chrome update, 2 of 10 devices
 * fixed), its times on `day`; `over` replaces fields.
 */
export const vendorActivityRecord = (day: string, over: Record<string, unknown> = {}) => ({
  id: 'act-1',
  title: 'Update Chrome',
  createdOn: `${day}T00:00:00Z`,
  requesterId: null,
  requesterEmail: 'user1@contoso.com',
  status: 'Active',
  statusLastModifiedOn: `${day}T00:00:00Z`,
  description: '',
  relatedComponent: 'Chrome',
  targetDevices: 10,
  rbacGroupNames: [],
  fixedDevices: 2,
  requesterNotes: '',
  dueOn: '2024-07-01',
  category: 'Software',
  productivityImpactRemediationType: null,
  priority: 'High',
  completionMethod: null,
  completerId: null,
  completerEmail: null,
  scid: null,
  type: 'Update',
  productId: 'google-_-chrome',
  vendorId: null,
  nameId: null,
  recommendedVersion: null,
  recommendedVendor: null,
  recommendedProgram: null,
  ...over,
});

/**
 * A RemediationTasks file of one activity record (its record starts on line 4); `raw` fields are
 * written as given, as JSON text: `-0`, `9007199254740993`.
 */
export function activitiesFileText(record: object, raw: Readonly<Record<string, string>> = {}): string {
  const placeholders = Object.fromEntries(Object.keys(raw).map((k) => [k, `@${k}@`]));
  let json = envelope('RemediationTasks', [{ ...record, ...placeholders }]);
  for (const [k, v] of Object.entries(raw)) json = json.replace(`"@${k}@"`, v);
  return json;
}
