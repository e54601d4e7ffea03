import { describe, expect, it } from 'vitest';
import { themeOfColor } from './theme.ts';

describe('themeOfColor', () => {
  it('tells a dark background from a light one', () => {
    expect(themeOfColor('rgb(27, 26, 25)')).toBe('dark');
    expect(themeOfColor('rgb(250, 249, 248)')).toBe('light');
    expect(themeOfColor('rgba(32, 31, 30, 1)')).toBe('dark');
  });
  it('says nothing about a transparent or unreadable colour', () => {
    expect(themeOfColor('rgba(0, 0, 0, 0)')).toBeNull();
    expect(themeOfColor('transparent')).toBeNull();
  });
});
