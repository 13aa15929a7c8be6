// Answer references: what a reply's Share and feedback buttons point at. The id is derived from where the answer was
// given (platform, workspace, channel), the question (command, options) and the knowledge base's version, so everyone
// asking the same question in a channel shares one reference, a button pressed anywhere else finds none, and it is written after the reply is sent: the reply never waits on it, and a process that saved an
// id recently skips the write altogether.
import { createHash } from "node:crypto";
import { isStorageUnavailable } from "../errors.js";
import type { Logger } from "../log.js";
import type { AnswerRef, AnswerRefStore, ChannelKey } from "../storage/types.js";

/** A saved reference is written again after this long, so its `at` stays newer than the 30-day pruning. */
export const REF_REFRESH_MS = 6 * 60 * 60 * 1000;
/** How many recently saved ids one process remembers. */
export const RECENT_REFS = 10_000;

/** 12 URL-safe characters (72 bits of SHA-256): fits Discord's 100-character custom ids with room to spare. */
export function answerRefId(key: ChannelKey, command: string, args: Record<string, string>, kbVersion: string): string {
  const canonical = JSON.stringify([key.platform, key.workspace, key.channel, command, Object.entries(args).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), kbVersion]);
  return createHash("sha256").update(canonical).digest("base64url").slice(0, 12);
}

/**
 * The reference a button press names, only where its answer was given: a press (signed, so from the platform) that
 * names an answer from another workspace or channel, or one saved before references recorded their place, reads as
 * unknown ("too old"), so nobody shares or votes on an answer they were never shown.
 */
export async function answerRefAt(store: AnswerRefStore, key: ChannelKey, id: string): Promise<AnswerRef | undefined> {
  const ref = await store.getAnswerRef(id);
  return ref && ref.platform === key.platform && ref.workspace === key.workspace && ref.channel === key.channel ? ref : undefined;
}

export class AnswerRefs {
  private readonly savedAt = new Map<string, number>();

  constructor(
    private readonly store: AnswerRefStore,
    private readonly logger: Logger,
  ) {}

  /** Whether `id` needs saving at `at`: this process has not saved it within REF_REFRESH_MS (a repeat skips building it). */
  due(id: string, at: Date): boolean {
    const last = this.savedAt.get(id);
    return last === undefined || at.getTime() - last >= REF_REFRESH_MS;
  }

  /** Saves the reference unless this process did within REF_REFRESH_MS. Storage trouble costs the buttons, nothing else. */
  async remember(ref: AnswerRef): Promise<void> {
    const now = ref.at.getTime();
    if (!this.due(ref.id, ref.at)) return;
    try {
      await this.store.saveAnswerRef(ref);
    } catch (err) {
      if (!isStorageUnavailable(err)) throw err;
      this.logger.warn({ code: err.driverCode, what: "answer buttons" }, "storage unavailable; answer reference not saved");
      return;
    }
    this.savedAt.delete(ref.id);
    this.savedAt.set(ref.id, now);
    if (this.savedAt.size > RECENT_REFS) this.savedAt.delete(this.savedAt.keys().next().value!);
  }
}
