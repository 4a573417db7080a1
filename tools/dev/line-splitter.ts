/**
 * Turns a stream of text chunks into whole lines. Child processes write in arbitrary chunks; prefixing a
 * chunk instead of a line would put `api |` in the middle of a pino JSON line.
 */
export class LineSplitter {
  private pending = '';

  /** Feeds a chunk; returns the lines it completed (without their line ending). */
  push(chunk: string): string[] {
    const parts = (this.pending + chunk).split('\n');
    this.pending = parts.pop() ?? '';
    return parts.map(stripCarriageReturn);
  }

  /** The unterminated rest, once the stream has ended (empty array when there is none). */
  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest === '' ? [] : [stripCarriageReturn(rest)];
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
