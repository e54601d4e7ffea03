/**
 * A count and its English noun, singular for one: `counted(1, 'device')` is "1 device", of 2
 * "2 devices". The one home of this wording for the messages of core and the command line.
 */
export const counted = (n: number, one: string, other = `${one}s`): string => `${n} ${n === 1 ? one : other}`;
