// renderTimelineChart on a worker thread (worker.mjs), so a bot's event loop never runs vega or waits on resvg: a
// render costs 0.3–1.5 s of CPU, and on a 2-core machine that would stall every other request. One worker, started
// on first use and never keeping the process alive. A render past its deadline ends the worker (a hung render cannot
// be interrupted any other way) and the next render starts a fresh one.
import { Worker } from "node:worker_threads";
import type { Answer } from "../core/answer.js";
import { AppError } from "../errors.js";
import type { ItemHints } from "./hints.js";

export interface RenderedChart {
  png: Uint8Array;
  /** lists the events (Slack's alt text, Discord's attachment description) */
  alt: string;
  width: number;
  height: number;
  events: number;
}

type Reply = { id: number; ok: true; chart: RenderedChart } | { id: number; ok: false; code: string; message: string };

interface Job {
  resolve(chart: RenderedChart): void;
  reject(err: Error): void;
}

export class ChartWorker {
  private worker?: Worker;
  private seq = 0;
  private readonly jobs = new Map<number, Job>();

  /** `script`: the worker script to run (tests pass a compiled build's, whose renderer loads without tsx). */
  constructor(private readonly script: URL = new URL("./worker.mjs", import.meta.url)) {}

  /** Draws one timeline answer. `hints` holds the item hints of its events (ChartHints as data: functions cannot cross threads). */
  render(answer: Answer, hints: Record<string, ItemHints>, timeoutMs: number): Promise<RenderedChart> {
    const worker = this.start();
    const id = ++this.seq;
    return new Promise<RenderedChart>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new AppError("chart_render_timeout", `the chart took longer than ${timeoutMs} ms`)), timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.jobs.delete(id);
      };
      this.jobs.set(id, { resolve: (c) => (settle(), resolve(c)), reject: (e) => (settle(), reject(e)) });
      worker.postMessage({ id, answer, hints });
    });
  }

  /** Ends the worker; renders in progress reject. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.fail(new AppError("chart_worker_closed", "the chart worker was closed"));
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.unref();
    worker.on("message", (m: Reply) => {
      const job = this.jobs.get(m.id);
      if (!job) return;
      if (m.ok) job.resolve({ ...m.chart, png: new Uint8Array(m.chart.png) });
      else job.reject(new AppError(m.code, m.message));
    });
    worker.on("error", (err) => this.fail(new AppError("chart_worker_failed", String(err.message).split("\n")[0]!.slice(0, 200))));
    worker.on("exit", () => {
      if (this.worker === worker) this.fail(new AppError("chart_worker_failed", "the chart worker stopped"));
    });
    this.worker = worker;
    return worker;
  }

  /** Rejects every render in progress and lets the worker go; the next render starts a new one. */
  private fail(err: AppError): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const job of [...this.jobs.values()]) job.reject(err);
    void worker?.terminate();
  }
}
