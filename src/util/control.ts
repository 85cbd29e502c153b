/**
 * Terminal safety. A container can print escape sequences that move the cursor, clear the screen,
 * rewrite earlier lines, set the window title or write the clipboard (OSC 52) of whoever watches its
 * logs. Before text from a container reaches a terminal, every control character but tab is shown
 * as visible text instead: C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F, which some terminals
 * obey like ESC-sequences: U+009B is a CSI). `\n` and `\r` become `\n` `\r`, the rest `\xNN`.
 */

// Tab (0x09) stays: it is layout, not a command.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;
const CONTROL_TEST = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;

function visible(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** `s` with every control character but tab written out as text (`\x1b`, `\n`, `\r`, `\x9b`). */
export function escapeControls(s: string): string {
  return CONTROL_TEST.test(s) ? s.replace(CONTROL, visible) : s;
}

/** When to escape: `always`, `never`, or `auto` (only when the output is a terminal). */
export type EscapeMode = 'auto' | 'always' | 'never';

export function shouldEscape(mode: EscapeMode, out: { isTTY?: boolean }): boolean {
  return mode === 'always' || (mode === 'auto' && out.isTTY === true);
}
