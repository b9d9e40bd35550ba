/**
 * A one-line progress bar for long batch runs. It draws only on a TTY, only once a run has
 * lasted about a second (short runs stay quiet), at most ten times a second, and erases
 * itself before the summary. Case file names are not shown: they can carry patient names.
 */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const DELAY_MS = 1000;
const EVERY_MS = 100;

export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;
  private done = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly enabled: boolean = !!stream.isTTY,
  ) {}

  tick(): void {
    this.done++;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.started < DELAY_MS || now - this.lastDraw < EVERY_MS) return;
    this.lastDraw = now;
    this.draw(now);
  }

  /** Erases the bar (call before writing anything else to the same stream). */
  end(): void {
    if (this.drawn) this.stream.write('\r\u001b[2K');
    this.drawn = false;
  }

  private draw(now: number): void {
    const rate = this.done / ((now - this.started) / 1000);
    const left = rate > 0 ? Math.ceil((this.total - this.done) / rate) : 0;
    const label = ` ${this.done}/${this.total} cases  ${rate.toFixed(0)}/s  ~${left}s left`;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - label.length - 3));
    const filled = Math.round((width * this.done) / Math.max(1, this.total));
    this.stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${label}\u001b[K`);
    this.drawn = true;
  }
}
