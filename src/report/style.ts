/** Terminal colour, only when asked for: on a TTY and never with NO_COLOR (see src/cli/io.ts). */
export interface Style {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function style(color: boolean): Style {
  if (!color) return { red: plain, green: plain, yellow: plain, bold: plain, dim: plain };
  return { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
}
