// The main-thread side of bucket-worker.mjs: sends each take to the worker and settles its promise with the answer.
// The worker starts on the first take and never keeps the process alive on its own; if it dies, pending takes fail
// as "storage unavailable" and the next take starts a new one.
import { Worker } from "node:worker_threads";
import { StorageUnavailableError } from "../../errors.js";
import type { BucketSpec } from "../types.js";

type Pending = { resolve: (ok: boolean) => void; reject: (err: unknown) => void };
type Reply = { ids: number[]; results?: boolean[]; error?: { code?: string; message: string } };

export class BucketTakes {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private readonly file: string, private readonly busyTimeoutMs: number) {}

  private outbox: { id: number; buckets: readonly BucketSpec[]; nowMs: number; windowMs: number }[] = [];

  /** Takes made in one turn of the event loop go over in one message (waking the worker costs more than a take). */
  take(buckets: readonly BucketSpec[], nowMs: number, windowMs: number): Promise<boolean> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.outbox.push({ id, buckets, nowMs, windowMs });
      if (this.outbox.length === 1) setImmediate(() => this.send());
    });
  }

  private send(): void {
    const batch = this.outbox;
    this.outbox = [];
    if (!batch.length) return;
    const worker = this.worker ?? this.start();
    worker.ref();
    worker.postMessage(batch);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    this.outbox = [];
    this.failAll(new StorageUnavailableError("rate limit", "closed"));
    // held open until the worker has closed its connection (WAL checkpointed), or terminated after a second
    worker.ref();
    worker.postMessage("close");
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 1000);
      worker.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL("./bucket-worker.mjs", import.meta.url), { workerData: { file: this.file, busyTimeoutMs: this.busyTimeoutMs } });
    worker.unref();
    worker.on("message", (reply: Reply) => {
      reply.ids.forEach((id, i) => {
        const p = this.pending.get(id);
        this.pending.delete(id);
        if (!p) return;
        if (reply.error) p.reject(new StorageUnavailableError("rate limit", reply.error.code));
        else p.resolve(reply.results![i]!);
      });
      // only while takes are waiting does the worker hold the process open
      if (this.pending.size === 0) worker.unref();
    });
    const gone = (err: unknown) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new StorageUnavailableError("rate limit", (err as { code?: string } | undefined)?.code ?? "worker_exit", { cause: err }));
    };
    worker.on("error", gone);
    worker.on("exit", () => gone(undefined));
    this.worker = worker;
    return worker;
  }

  private failAll(err: StorageUnavailableError): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
