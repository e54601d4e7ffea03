/** A benchmark prints its figures through `report`; no pass/fail on time (the machine varies). */
export interface Benchmark {
  readonly name: string;
  run(report: (line: string) => void): Promise<void>;
}

export async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await f();
  return { value, ms: performance.now() - start };
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
