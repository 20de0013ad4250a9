import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leibnitzTopics } from '../../core/catalog/leibnitz-catalog';
import { PALETTE } from '../../renderer/manage/catalog/catalog-helpers';
import { BLACK, contrastRatio, DARK_INK, MIN_TEXT_CONTRAST, parseHexColor, readableTextColor, WHITE } from '../../renderer/ui/text-contrast';
import { projectRoot } from '../../scripts/paths';

const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;

describe('WCAG contrast ratios', () => {
  it('match the known values: black on white 21, #777777 on white 4.48, the same colour 1', () => {
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21, 10);
    expect(contrastRatio(WHITE, BLACK)).toBeCloseTo(21, 10);
    expect(contrastRatio('#777777', WHITE)).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffd54f', '#ffd54f')).toBe(1);
    // The yellow topic that started this: white text is unreadable on it, the dark ink is not.
    expect(contrastRatio(WHITE, '#ffd54f')).toBeCloseTo(1.41, 2);
    expect(contrastRatio(DARK_INK, '#ffd54f')).toBeCloseTo(11.93, 2);
  });

  it('read #rgb, #rrggbb and upper case alike, and nothing else', () => {
    expect(parseHexColor('#FfD54F')).toEqual([255, 213, 79]);
    expect(parseHexColor('#fc0')).toEqual(parseHexColor('#ffcc00'));
    for (const bad of ['ffd54f', '#ffd54', 'yellow', 'rgb(1, 2, 3)', '']) expect(parseHexColor(bad), bad).toBeNull();
    expect(() => contrastRatio('yellow', WHITE)).toThrow(/not a hex colour: yellow/);
  });

  it('white and black ratios on any background multiply to 21, so the better one reaches √21 ≈ 4.58', () => {
    for (const bg of ['#777777', '#ffd54f', '#1d5f8a', '#00ff00', '#808080', '#123456']) {
      expect(contrastRatio(WHITE, bg) * contrastRatio(BLACK, bg), bg).toBeCloseTo(21, 8);
    }
    // The dark ink is lighter than black: with white it multiplies to only about 16.8, which is why black steps in.
    expect(contrastRatio(WHITE, '#777777') * contrastRatio(DARK_INK, '#777777')).toBeCloseTo(16.81, 1);
  });
});

describe('readable text on a catalog colour', () => {
  it('dark ink on yellow, white on the dark seed blue, black on a mid grey where neither reaches 4.5 : 1', () => {
    expect(readableTextColor('#ffd54f')).toBe(DARK_INK);
    expect(readableTextColor('#1d5f8a')).toBe(WHITE);
    expect(contrastRatio(WHITE, '#777777')).toBeLessThan(MIN_TEXT_CONTRAST);
    expect(contrastRatio(DARK_INK, '#777777')).toBeLessThan(MIN_TEXT_CONTRAST);
    expect(readableTextColor('#777777')).toBe(BLACK);
    expect(contrastRatio(BLACK, '#777777')).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    // Not a colour: the button keeps its light default background, so dark text.
    expect(readableTextColor('not-a-colour')).toBe(DARK_INK);
  });

  it('every colour management can pick reaches 4.5 : 1 (a 16-step grid of the RGB cube and every grey)', () => {
    const steps = Array.from({ length: 16 }, (_, i) => i * 17);
    const colours = [...steps.flatMap((r) => steps.flatMap((g) => steps.map((b) => hex(r, g, b)))), ...Array.from({ length: 256 }, (_, v) => hex(v, v, v))];
    const short = colours.filter((bg) => contrastRatio(readableTextColor(bg), bg) < MIN_TEXT_CONTRAST);
    expect(short).toEqual([]);
    expect(colours.length).toBe(4096 + 256);
  });

  it('every seed colour — the Leibnitz catalog, the editor’s colours for new topics and any the demo defines — reaches 4.5 : 1', () => {
    // The demo logs its history on the seeded catalog (by position); should it ever bring colours of its own, they are checked too.
    const demoDir = join(projectRoot, 'core/demo');
    const demoColours = readdirSync(demoDir).flatMap((f) => [...readFileSync(join(demoDir, f), 'utf8').matchAll(/'(#[0-9a-f]{6})'/gi)].map((m) => m[1]!));
    const seeds = [...leibnitzTopics.map((t) => t.color), ...PALETTE, ...demoColours];
    expect(seeds.length).toBeGreaterThanOrEqual(leibnitzTopics.length + PALETTE.length);
    for (const color of seeds) {
      const text = readableTextColor(color);
      expect(contrastRatio(text, color), `${text} on ${color}`).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });
});
