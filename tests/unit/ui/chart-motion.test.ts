import { describe, expect, it } from 'vitest';
import { withMotionPreference } from '../../../ui/src/components/charts/chart-option.ts';

// A reader who asked their system for less motion (prefers-reduced-motion) gets charts drawn at once.

describe('charts and the reader\'s motion preference', () => {
  const option = { series: [{ type: 'bar', data: [1, 2] }] };

  it('turns the entry animation off for a reader who asked for less motion, and changes nothing else', () => {
    expect(withMotionPreference(option, true)).toEqual({ ...option, animation: false });
    expect(option).not.toHaveProperty('animation');
  });

  it('leaves the option as it is otherwise', () => {
    expect(withMotionPreference(option, false)).toBe(option);
  });
});
