import { describe, expect, it } from 'vitest';
import { defenderFixture } from '../../../test/fixtures/defender-api/fixtures.ts';
import { EXPOSURES_CONTEXT, listingOf, pagesOf } from '../../../test/fixtures/defender-api/paged.ts';
import { asyncInputErrorOf, inputErrorOf } from '../../../test/support/core/input-error.ts';
import { VendorImport } from './vendor-import.ts';

const sample = JSON.parse(defenderFixture('export_SoftwareVulnerabilitiesByMachine.clean.json')) as {
  value: Record<string, unknown>[];
};
/** Six rows on six devices of one recommendation. */
const ROWS = Array.from({ length: 6 }, (_, i) => ({
  ...sample.value[0],
  deviceId: `${String(i).padStart(2, '0')}${'a'.repeat(38)}`,
  recommendationReference: 'va-_-google-_-chrome',
}));
const pages = pagesOf(EXPOSURES_CONTEXT, ROWS, 2);

function lines(rows: readonly unknown[], blankFirst = false): AsyncIterable<string> {
  const text = `${blankFirst ? '\n' : ''}${rows.map((r) => JSON.stringify(r)).join('\n')}`;
  return (async function* () {
    yield* text.split('\n');
  })();
}

const importOf = (files: readonly [string, string][], partial = false) => {
  const vendor = new VendorImport();
  for (const [name, text] of files) vendor.addJson(text, name);
  return vendor.finish(partial);
};
const exposuresOf = (r: ReturnType<typeof importOf>) => {
  const batch = r.entries[0]?.batch;
  return batch && 'exposures' in batch ? [batch.kind, batch.exposures.length] : batch?.kind;
};

describe('VendorImport: an exposure picture is whole, or it fixes nothing', () => {
  it('pages saved as files are never shown whole, however many: no page says where it started', () => {
    const named = pages.map((p, i) => [`page${i + 1}.json`, p] as [string, string]);
    expect(pages).toHaveLength(3);
    expect(() => importOf(named)).toThrow(/pages saved as files cannot be shown to be every page/);
    expect(() => importOf([['page3.json', pages[2] ?? '']])).toThrow(/cannot be shown to be every page/);
  });

  it('a page that still has a next page is refused, saying what is missing', () => {
    const e = inputErrorOf(() => importOf([['page1.json', pages[0] ?? '']]));
    expect(e.message).toMatch(/page1\.json.*not whole: its last page .* was not given.*--partial/);
  });

  it('with partial, part of a picture is merged as seen exposed, and the notes say so', () => {
    const r = importOf([['page1.json', pages[0] ?? '']], true);
    expect(exposuresOf(r)).toEqual(['exposuresSeen', 2]);
    expect(r.notes[0]).toMatch(/page1\.json is not whole.*merged as seen exposed, fixing nothing/);
  });

  it("the vendor's published sample (one page with a next page) is part of an export", () => {
    const text = defenderFixture('export_SoftwareVulnerabilitiesByMachine.clean.json');
    expect(() => importOf([['clean.json', text]])).toThrow(/not whole/);
    expect(exposuresOf(importOf([['clean.json', text]], true))?.[0]).toBe('exposuresSeen');
  });

  it('pages fetched by the caller, who knows the first, are whole when the chain reaches the last', () => {
    const links = pages.map((p) => (JSON.parse(p) as { '@odata.nextLink'?: string })['@odata.nextLink']);
    const fetched = (which: number[]) => {
      const vendor = new VendorImport();
      for (const i of which)
        vendor.addJson(pages[i] ?? '', `p${i + 1}`, { self: i === 0 ? 'first' : (links[i - 1] ?? '') });
      return vendor;
    };
    expect(exposuresOf(fetched([2, 0, 1]).finish())).toEqual(['exposures', 6]);
    expect(() => fetched([0, 2]).finish()).toThrow(/the pages break off before the last one/);
    expect(() => fetched([1, 2]).finish()).toThrow(/the first page was not given/);
  });

  it('every part a via-files listing names, with the listing, in any order, is whole and dated by it', async () => {
    const vendor = new VendorImport();
    await vendor.addLines(lines(ROWS.slice(3)), '/tmp/x/part-00001.json.gz');
    vendor.addJson(listingOf(['part-00000.json.gz', 'part-00001.json.gz']), 'listing.json');
    await vendor.addLines(lines(ROWS.slice(0, 3)), '/tmp/x/part-00000.json.gz');
    const { entries } = vendor.finish();
    const batch = entries[0]?.batch;
    expect(batch?.kind).toBe('exposures');
    expect(batch && 'observedAt' in batch && batch.observedAt).toBe('2021-01-11T11:01:00.000Z');
    expect(batch && 'exposures' in batch && batch.exposures).toHaveLength(6);
  });

  it('reads every record of a part, not only the first', async () => {
    const vendor = new VendorImport();
    vendor.addJson(listingOf(['part-00000.json.gz']), 'listing.json');
    await vendor.addLines(lines(ROWS, true), 'part-00000.json.gz');
    const batch = vendor.finish().entries[0]?.batch;
    expect(batch && 'exposures' in batch && batch.exposures).toHaveLength(6);
  });

  it('some of the parts, or parts without their listing, are refused', async () => {
    const some = new VendorImport();
    some.addJson(listingOf(['part-00000.json.gz', 'part-00001.json.gz']), 'listing.json');
    await some.addLines(lines(ROWS), 'part-00000.json.gz');
    expect(() => some.finish()).toThrow(/1 of 2 parts missing: part-00001\.json\.gz/);
    const alone = new VendorImport();
    await alone.addLines(lines(ROWS), 'part-00000.json.gz');
    expect(() => alone.finish()).toThrow(/the listing of the via-files export .* was not given/);
  });

  it('a part another listing does not name, or a file that is no export, is refused', async () => {
    const other = new VendorImport();
    other.addJson(listingOf(['part-00000.json.gz']), 'listing.json');
    await other.addLines(lines(ROWS), 'part-00000.json.gz');
    await other.addLines(lines(ROWS), 'part-00009.json.gz');
    expect(() => other.finish()).toThrow(/part-00009\.json\.gz\) is not among those listing\.json names/);
    const odd = new VendorImport();
    const e = await asyncInputErrorOf(odd.addLines(lines([{ name: 'x' }]), 'odd.json.gz'));
    expect(e.message).toMatch(/odd\.json\.gz:1: .*must be a software-vulnerabilities export/);
  });

  it('a listing that names two parts alike is refused: one file would stand for both', () => {
    const vendor = new VendorImport();
    expect(() =>
      vendor.addJson(listingOf(['a/part-00000.json.gz', 'b/part-00000.json.gz']), 'listing.json'),
    ).toThrow(/names two parts part-00000\.json\.gz/);
  });
});
