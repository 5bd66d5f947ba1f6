/** ANSI styling, switched off when the output is not a terminal or NO_COLOR is set. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const COLOR: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
  cyan: wrap(36, 39),
};

const same = (text: string) => text;
const PLAIN: Style = { bold: same, dim: same, red: same, yellow: same, green: same, cyan: same };

export function styleFor(enabled: boolean): Style {
  return enabled ? COLOR : PLAIN;
}

export function colorEnabled(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

/** The visible width of text that may hold ANSI codes. */
export function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape codes
  return [...text.replace(/\u001b\[[0-9;]*m/g, "")].length;
}
