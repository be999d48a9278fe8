import * as os from "os";

/** Bounds concurrent provider mutations, like the engine's step executor with --parallel N. */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiters.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiters.shift()?.();
    }
  }
}

/** Runs async jobs one at a time in submission order (the step generator's serial event loop). */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.tail.then(fn, fn);
    this.tail = p.catch(() => undefined);
    return p;
  }
}

export function defaultParallel(): number {
  // pkg/cmd/pulumi/operations/up.go: default parallelism is 4 × GOMAXPROCS (number of CPUs).
  const cpus = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return 4 * Math.max(1, cpus);
}
