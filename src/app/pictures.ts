// Timeline pictures for the pipeline. Which answer a picture draws: the same command again for one page of
// CHART.maxEvents events, so the picture shows the whole timeline up to what a picture can hold (the newest first,
// whatever page the text shows), and a longer one says in its caption which part it shows. How it is drawn: on the
// chart worker, one at a time, with a bounded backlog, after the text reply went out; a picture that cannot be drawn
// or sent is logged and the text answer stands alone.
import PQueue from "p-queue";
import { CHART } from "../chart/config.js";
import { chartHintsFromKb, type ItemHints } from "../chart/hints.js";
import { isChartable } from "../chart/model.js";
import { ChartWorker, type RenderedChart } from "../chart/worker-client.js";
import { allItems, type Answer } from "../core/answer.js";
import type { QueryContext } from "../core/types.js";
import { AppError } from "../errors.js";
import type { AppDeps } from "./deps.js";

export const PICTURES = Object.freeze({
  /** Renders at once: on 2 cores, one core answers requests while the other draws. */
  concurrency: 1,
  /**
   * Renders waiting beyond this are skipped (the text answer stands alone): at about 0.7 s a render the last of 8
   * arrives some 6 s after its text; later ones would come long after the conversation moved on.
   */
  backlog: 8,
  /**
   * One render's deadline: a cold worker first loads vega, vega-lite, resvg and the fonts (3.5 s measured on a loaded
   * machine), a render takes 0.3–1.5 s; past this something is wrong and the worker is replaced.
   */
  renderTimeoutMs: 30_000,
  /** the attachment's name (Discord's embed refers to it as attachment://timeline.png) */
  filename: "timeline.png",
});

export interface AnswerPicture extends RenderedChart {
  /** the file's title where a platform shows one: the timeline's title (the answer's title, else its headline) */
  title: string;
  filename: string;
}

/** Draws a timeline answer; the chart worker in production, tests may pass their own. */
export interface PictureRenderer {
  render(answer: Answer, hints: Record<string, ItemHints>, timeoutMs: number): Promise<RenderedChart>;
  close(): Promise<void>;
}

/** The args that ask a command for its picture's answer: the first page, CHART.maxEvents events long. */
export const pictureArgs = (args: Record<string, string>): Record<string, string> => ({ ...args, page: "1", pageSize: String(CHART.maxEvents) });

/**
 * The caption of a picture that cannot hold the whole timeline: which events it shows, and that the text has all.
 * A timeline that fits keeps the core's summary.
 */
export function captionPicture(answer: Answer): Answer {
  const { paging, ...rest } = answer;
  if (!paging || paging.pageCount <= 1) return answer;
  const dated = allItems(answer).filter((i) => i.date);
  const span = dated.length ? `, from ${dated[0]!.date!.label} to ${dated.at(-1)!.date!.label}` : "";
  return { ...rest, summary: `The newest ${dated.length} of ${paging.total} dated events${span}: a picture draws at most ${CHART.maxEvents}; the text answer lists all ${paging.total}. Dates show their precision.` };
}

/** The picture's answer for a text answer that is a timeline; undefined for any other. */
export function pictureAnswerFor(core: ReturnType<AppDeps["core"]>, command: string, args: Record<string, string>, ctx: QueryContext): Answer | undefined {
  const answer = core.run(command, pictureArgs(args), ctx);
  return isChartable(answer) ? captionPicture(answer) : undefined;
}

/** The hints of an answer's items, as data for the worker. */
function hintsOf(answer: Answer, kbHints: (id: string) => ItemHints | undefined): Record<string, ItemHints> {
  const out: Record<string, ItemHints> = {};
  for (const item of allItems(answer)) {
    const h = kbHints(item.id);
    if (h) out[item.id] = h;
  }
  return out;
}

/** Where a follow-up picture was for: the request log's fields. */
export interface PictureLog {
  platform: string;
  via: string;
  command?: string;
}

export class Pictures {
  private readonly queue = new PQueue({ concurrency: PICTURES.concurrency });
  private readonly following = new Set<Promise<void>>();

  constructor(
    private readonly deps: Pick<AppDeps, "core" | "logger">,
    private readonly renderer: PictureRenderer = new ChartWorker(),
  ) {}

  /** The picture's answer for this command and args, or undefined when the answer is not a timeline. */
  answerFor(command: string, args: Record<string, string>, ctx: QueryContext): Answer | undefined {
    return pictureAnswerFor(this.deps.core(), command, args, ctx);
  }

  /** Draws a picture answer in its turn. Rejects when the backlog is full or the render fails (coded AppError). */
  async render(answer: Answer): Promise<AnswerPicture> {
    if (this.queue.size >= PICTURES.backlog) throw new AppError("picture_backlog_full", `${this.queue.size} pictures are waiting`);
    const hints = hintsOf(answer, chartHintsFromKb(this.deps.core().kb));
    const chart = await this.queue.add(() => this.renderer.render(answer, hints, PICTURES.renderTimeoutMs));
    return { ...chart, title: answer.title ?? answer.headline, filename: PICTURES.filename };
  }

  /**
   * After a text reply: draws the picture and hands it to `deliver` (the reply port), without holding up the
   * request. Never rejects: a failure is logged with its code and the text answer is left alone.
   */
  follow(answer: Answer, deliver: (picture: AnswerPicture) => Promise<void>, log: PictureLog): void {
    const started = Date.now();
    const work = this.render(answer)
      .then(deliver)
      .then(
        () => this.deps.logger.info({ ...log, outcome: "picture", ms: Date.now() - started }, "picture sent"),
        (err: unknown) => this.deps.logger.warn({ ...log, ...errorFields(err), ms: Date.now() - started }, "picture not sent; the text answer stands"),
      );
    this.following.add(work);
    void work.finally(() => this.following.delete(work));
  }

  /** Resolves when every follow-up picture so far has been sent or given up (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.following.size) await Promise.allSettled([...this.following]);
  }

  /** Waits for the follow-ups, then ends the chart worker. */
  async close(): Promise<void> {
    await this.idle();
    await this.renderer.close();
  }
}

/** An error's codes for the log, never its message (a platform's message can quote what was sent). */
export function errorFields(err: unknown): Record<string, unknown> {
  const e = err as { code?: unknown; status?: unknown; data?: { error?: unknown }; name?: unknown } | null;
  return {
    code: typeof e?.code === "string" || typeof e?.code === "number" ? e.code : (e?.name ?? "unknown"),
    ...(typeof e?.status === "number" ? { status: e.status } : {}),
    ...(typeof e?.data?.error === "string" ? { platformError: e.data.error } : {}),
  };
}
