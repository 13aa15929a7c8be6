// Test doubles for the digest: a controllable clock, a scheduler time that never waits, a recording poster,
// and app deps over a real SQLite file in a temp dir.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AppDeps } from "../../src/app/deps.js";
import type { ChannelPoster, DigestMark, FindOutcome, PostOutcome } from "../../src/app/poster.js";
import { finishAnswer, type Answer } from "../../src/core/answer.js";
import type { Core, QueryContext } from "../../src/core/types.js";
import { configSchema, type Config } from "../../src/config.js";
import { loadKnowledgeBase } from "../../src/kb/loader.js";
import type { KnowledgeBase } from "../../src/kb/types.js";
import { silentLogger } from "../../src/log.js";
import type { SchedulerTime } from "../../src/scheduler/index.js";
import { SqliteStorage } from "../../src/storage/sqlite/store.js";
import type { ChannelKey } from "../../src/storage/types.js";

export const FIXTURE_KB_DIR = fileURLToPath(new URL("../fixtures/digest-kb", import.meta.url));
export const fixtureKb = (): KnowledgeBase => loadKnowledgeBase(FIXTURE_KB_DIR).kb;

export class FakeClock {
  t: number;
  constructor(iso: string) {
    this.t = Date.parse(iso);
  }
  now = (): Date => new Date(this.t);
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

/** Sleeps advance the fake clock at once and are recorded; timers are kept for the test to fire. */
export class FakeTime implements SchedulerTime {
  sleeps: number[] = [];
  timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  constructor(private readonly clock: FakeClock) {}
  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.clock.t += ms;
  };
  setTimer = (fn: () => void, ms: number): (() => void) => {
    const t = { fn, ms, cancelled: false };
    this.timers.push(t);
    return () => {
      t.cancelled = true;
    };
  };
}

export interface Post {
  key: ChannelKey;
  answer: Answer;
  at: string;
}

/** A scripted outcome; an `unknown` one with `landed` was posted although the caller never heard so. */
export type ScriptedOutcome = PostOutcome | ({ ok: false; kind: "unknown"; detail: string; landed: boolean });

/**
 * Records posts at the fake clock's time; returns scripted outcomes first, then ok. Like a platform, it can be asked
 * whether a digest (channel and local date) is there; `findScript` answers that first.
 */
export class RecordingPoster implements ChannelPoster {
  posts: (Post & { localDate?: string })[] = [];
  attempts: { key: ChannelKey; at: string; outcome: PostOutcome }[] = [];
  script: ScriptedOutcome[] = [];
  finds: { key: ChannelKey; localDate: string }[] = [];
  findScript: FindOutcome[] = [];
  constructor(readonly platform: ChannelKey["platform"], private readonly clock: FakeClock) {}
  async post(key: ChannelKey, answer: Answer, mark?: DigestMark): Promise<PostOutcome> {
    const scripted = this.script.shift() ?? { ok: true, messageId: `m${this.posts.length + 1}` };
    const at = this.clock.now().toISOString();
    const { landed, ...outcome } = { landed: scripted.ok, ...scripted } as ScriptedOutcome & { landed: boolean };
    this.attempts.push({ key, at, outcome: outcome as PostOutcome });
    if (landed) this.posts.push({ key, answer, at, ...(mark ? { localDate: mark.localDate } : {}) });
    return outcome as PostOutcome;
  }
  async findPosted(key: ChannelKey, mark: DigestMark): Promise<FindOutcome> {
    this.finds.push({ key, localDate: mark.localDate });
    const scripted = this.findScript.shift();
    if (scripted) return scripted;
    const found = this.posts.find((p) => p.key.channel === key.channel && p.localDate === mark.localDate);
    return found ? { found: true, messageId: "found" } : { found: false };
  }
}

/**
 * The query core as the digest sees it: the knowledge base plus `ask`. Questions listed in `unanswerable`
 * get a no-answer, the others a confident fact answer. The digest calls nothing else.
 */
export function fakeCore(kb: KnowledgeBase, unanswerable: ReadonlySet<string> = new Set()): Core & { asked: string[] } {
  const asked: string[] = [];
  const unused = (): never => {
    throw new Error("not used by the digest");
  };
  return {
    kb,
    commands: [],
    asked,
    ask(question: string, _ctx: QueryContext): Answer {
      asked.push(question);
      const no = unanswerable.has(question);
      return finishAnswer({ kind: no ? "no-answer" : "fact", query: question, headline: no ? "No answer" : "An answer", sections: [], suggestions: [], confident: !no });
    },
    run: unused,
    handleText: unused,
    autocomplete: unused,
    quickAnswer: unused,
  };
}

export interface TestEnv {
  dir: string;
  file: string;
  clock: FakeClock;
  deps: AppDeps;
  storage: SqliteStorage;
  cleanup(): void;
}

export function tempDbFile(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "aistack-digest-"));
  return { dir, file: join(dir, "aistack.db") };
}

export function makeEnv(opts: { clock: FakeClock; file?: string; config?: Record<string, string>; core?: Core }): TestEnv {
  const tmp = opts.file ? { dir: "", file: opts.file } : tempDbFile();
  const storage = new SqliteStorage(tmp.file);
  const config: Config = configSchema.parse({ ...opts.config });
  const core = opts.core ?? fakeCore(fixtureKb());
  const deps: AppDeps = { config, core: () => core, storage, logger: silentLogger(), clock: opts.clock.now };
  return {
    ...tmp,
    clock: opts.clock,
    deps,
    storage,
    cleanup() {
      storage.close();
      if (tmp.dir) rmSync(tmp.dir, { recursive: true, force: true });
    },
  };
}

export const SLACK: ChannelKey = { platform: "slack", workspace: "T1", channel: "C1" };
export const DISCORD: ChannelKey = { platform: "discord", workspace: "G1", channel: "100" };
