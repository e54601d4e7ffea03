/**
 * The browser store's entry: core's state kept in IndexedDB through Dexie. Only the extension's
 * service worker imports it; the pure entry (`core/index.ts`) never loads Dexie.
 */

export * from './open-store.ts';
export * from './rows.ts';
export * from './schema.ts';
export * from './validate-changes.ts';
