/**
 * Keeps the last lines a helper process printed, so that when it fails to start the error can show *why*
 * (PostgreSQL and Redis explain themselves on their own output) without echoing their chatter on success.
 */
export class LogTail {
  private readonly lines: string[] = [];

  constructor(private readonly maxLines = 40) {}

  /** Accepts raw chunks; splits them into lines and drops empty ones. */
  push(chunk: string): void {
    for (const line of chunk.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      this.lines.push(line);
      if (this.lines.length > this.maxLines) this.lines.shift();
    }
  }

  /** The kept lines, oldest first, indented for inclusion in an error message. */
  toString(): string {
    return this.lines.map((line) => `    ${line}`).join('\n');
  }

  get isEmpty(): boolean {
    return this.lines.length === 0;
  }
}
