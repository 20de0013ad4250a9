/**
 * Text on a catalog colour (a topic button at the desk, its preview in the editor): WCAG 2.x
 * relative luminance and contrast ratio, and the text colour that keeps a label readable on any
 * colour management may pick.
 */

export type Rgb = readonly [number, number, number];

/** The app's ink (--ink in styles.css): dark text on light topic colours. */
export const DARK_INK = '#1d1d1f';
export const WHITE = '#ffffff';
export const BLACK = '#000000';

/** WCAG's minimum for normal-size text (success criterion 1.4.3, level AA). */
export const MIN_TEXT_CONTRAST = 4.5;

/** `#rrggbb` or `#rgb` (case ignored) as 0–255 channels; anything else is null. */
export function parseHexColor(color: string): Rgb | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

const linear = (channel: number) => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG 2.x relative luminance of an sRGB colour: 0 for black, 1 for white. */
export const relativeLuminance = ([r, g, b]: Rgb) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);

/** The contrast ratio of two luminances, from 1 (same) to 21 (black on white); the order does not matter. */
export const luminanceContrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** The contrast ratio of two hex colours, e.g. 4.48 for #777777 on white. */
export function contrastRatio(foreground: string, background: string): number {
  const fg = parseHexColor(foreground);
  const bg = parseHexColor(background);
  if (!fg || !bg) throw new Error(`not a hex colour: ${fg ? background : foreground}`);
  return luminanceContrast(relativeLuminance(fg), relativeLuminance(bg));
}

/**
 * The text colour for a label on `background`: the app's dark ink or white, whichever contrasts
 * more — and black in the one band where neither of those reaches 4.5 : 1.
 *
 * Why that always reads: on a background of luminance L, white gives 1.05 / (L + 0.05) and black
 * gives (L + 0.05) / 0.05; the two ratios multiply to 1.05 / 0.05 = 21, so the better of them is at
 * least √21 ≈ 4.58. The dark ink (#1d1d1f, luminance 0.0125) is a little lighter than black: with
 * white its ratios multiply to only about 16.8 (√ ≈ 4.10), so mid-tones with L between about 0.18 and
 * 0.23 (#777777 is one: white 4.48, ink 3.75) would fall short; there black (4.69 on #777777) takes
 * over. Every colour thus gets at least 4.5 : 1 (AA for normal text), almost all of them with the
 * house ink or white.
 * A value that is not a hex colour gets the dark ink: the button then keeps its light default background.
 */
export function readableTextColor(background: string): string {
  const rgb = parseHexColor(background);
  if (!rgb) return DARK_INK;
  const l = relativeLuminance(rgb);
  const onWhite = luminanceContrast(l, 1);
  const onInk = luminanceContrast(l, relativeLuminance(parseHexColor(DARK_INK)!));
  const better = onWhite >= onInk ? WHITE : DARK_INK;
  if (Math.max(onWhite, onInk) >= MIN_TEXT_CONTRAST) return better;
  return onWhite >= luminanceContrast(l, 0) ? WHITE : BLACK;
}
