import type { Device } from '../../core/index.ts';
import { SAMPLE_END } from './generate.ts';
import type { Rng } from './prng.ts';
import type { Week } from './week.ts';

const drew = (): never => {
  throw new Error('drew from the generator');
};

/** A generator that fails the test on any draw: for steps that must not draw. */
export const REFUSING: Rng = {
  next: drew,
  int: drew,
  chance: drew,
  pick: drew,
  weighted: drew,
  hex: drew,
  guid: drew,
};

/** A week of a world holding `devices`, nothing exposed. */
export const testWeek = (week: {
  readonly index: number;
  readonly rng: Rng;
  readonly devices?: readonly Device[];
}): Week => ({
  index: week.index,
  now: SAMPLE_END,
  rng: week.rng,
  ids: { next: () => 'id' },
  world: {
    devices: new Map((week.devices ?? []).map((d) => [d.id, d])),
    exposures: new Map(),
    initialSize: week.devices?.length ?? 0,
    joined: 0,
  },
});
