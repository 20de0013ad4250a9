/**
 * Whether a text holds a control character (U+0000–U+001F or U+007F: line breaks, tabs, NUL, DEL),
 * which would break a CSV row or a one-line list entry. Zod-free, so the renderer can check the same.
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
