import { StringDecoder } from 'node:string_decoder';
import { stripTerminalControls } from '../safety/sanitize';

/**
 * Turns a byte stream into whole lines, each stripped of terminal control sequences, handed on as
 * they complete. The decoder keeps a UTF-8 character split across chunks whole, and a line is
 * cleaned only once complete, so an escape sequence cut by a chunk boundary cannot slip through.
 */
export class LineStream {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  constructor(private readonly emit: (lines: string[]) => void) {}

  write(chunk: Buffer): void {
    const text = this.partial + this.decoder.write(chunk);
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      this.partial = text;
      return;
    }
    this.partial = text.slice(cut + 1);
    this.emit(text.slice(0, cut).split('\n').map(clean));
  }

  /** The last line, even without a final newline. */
  end(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest) this.emit([clean(rest)]);
  }
}

function clean(line: string): string {
  // A lone \r (progress bars) becomes a line break in the cleaner; keep one line per line.
  return stripTerminalControls(line.replace(/\r$/, '')).replace(/\n/g, ' ');
}
