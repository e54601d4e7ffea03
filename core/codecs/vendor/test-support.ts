/** A vendor OData envelope around records, pretty-printed like the API (one field per line). */
export const envelope = (context: string, records: readonly object[]): string =>
  JSON.stringify(
    { '@odata.context': `https://api.securitycenter.microsoft.com/api/$metadata#${context}`, value: records },
    null,
    4,
  );
