import type { EnumOption, Field } from '@/api/types';

/** The colour an object declares for an enum option (`options[].color`), if any. */
export function optionColor(field: Pick<Field, 'options'>, value: unknown): string | undefined {
  const option = field.options?.find((o): o is Exclude<EnumOption, string> => typeof o !== 'string' && o.value === value);
  return option?.color?.trim() || undefined;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#abc`/`#aabbcc` as [r, g, b] (0–255), or null for another notation. */
export function hexRgb(color: string): [number, number, number] | null {
  if (!HEX.test(color)) return null;
  const hex = color.length === 4 ? [...color.slice(1)].map((c) => c + c).join('') : color.slice(1);
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: [number, number, number]): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** Dark or white text, whichever contrasts more with the background. */
export function readableTextOn(background: string): string {
  const rgb = hexRgb(background);
  if (!rgb) return '#303133';
  const l = luminance(rgb);
  // Contrast with white (1.0) against contrast with the dark text (#1f2329, luminance ≈ 0.016).
  return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.066) ? '#ffffff' : '#1f2329';
}

/**
 * The style of an option's tag: filled with its colour and text that stays readable; a colour
 * given by name (not `#hex`) colours the outline and text instead, whose contrast cannot be computed.
 */
export function tagStyle(color: string | undefined): Record<string, string> | undefined {
  if (!color) return undefined;
  if (!hexRgb(color)) return { color, borderColor: color };
  return { backgroundColor: color, borderColor: color, color: readableTextOn(color) };
}
