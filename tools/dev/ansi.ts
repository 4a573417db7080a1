/** Just enough ANSI colour for name prefixes and the banner; no dependency needed for five colours. */
export type Colour = 'cyan' | 'magenta' | 'yellow' | 'green' | 'blue' | 'red' | 'bold' | 'dim';

const CODES: Record<Colour, [number, number]> = {
  cyan: [36, 39],
  magenta: [35, 39],
  yellow: [33, 39],
  green: [32, 39],
  blue: [34, 39],
  red: [31, 39],
  bold: [1, 22],
  dim: [2, 22],
};

export type Paint = (colour: Colour, text: string) => string;

export function painter(enabled: boolean): Paint {
  return (colour, text) => (enabled ? `\u001b[${CODES[colour][0]}m${text}\u001b[${CODES[colour][1]}m` : text);
}

/**
 * Colour when writing to a terminal, following the common conventions: NO_COLOR disables, FORCE_COLOR
 * (other than "0") enables even when piped.
 */
export function colourWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return stream.isTTY === true;
}
