// A small LRU of answers in front of the core. Answers are pure data, a function of the knowledge base (its
// version), the command and its arguments, and the day in the asker's time zone (only relative dates such as
// "last year" read the clock). Teams ask the same questions again and again; each repeat then costs a map lookup.
import type { Answer } from "../core/answer.js";
import type { Core, QueryContext } from "../core/types.js";

export function withAnswerCache(core: Core, capacity = 500): Core {
  const cache = new Map<string, Answer>();
  // Building a DateTimeFormat costs more than answering from the cache: one per time zone, kept.
  // The day is also kept per zone for the minute it was computed in (a day never starts mid-minute).
  const formats = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: string }>();
  const day = (ctx: QueryContext) => {
    const tz = ctx.timeZone ?? "UTC";
    const minute = Math.floor(ctx.now.getTime() / 60_000);
    let f = formats.get(tz);
    if (!f) formats.set(tz, (f = { format: new Intl.DateTimeFormat("en-CA", { timeZone: tz }), minute: NaN, day: "" }));
    if (f.minute !== minute) Object.assign(f, { minute, day: f.format.format(ctx.now) });
    return f.day;
  };
  const remember = (key: string, compute: () => Answer): Answer => {
    const hit = cache.get(key);
    if (hit) {
      // Re-insert so the Map's order is least-recently-used first.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const answer = compute();
    cache.set(key, answer);
    if (cache.size > capacity) cache.delete(cache.keys().next().value!);
    return answer;
  };
  // help differs by the command list it is given (one frozen array per surface): part of the key
  const lists = new WeakMap<object, string>();
  const listKey = (ctx: QueryContext) => {
    if (!ctx.commands) return "";
    let k = lists.get(ctx.commands);
    if (k === undefined) lists.set(ctx.commands, (k = ctx.commands.map((c) => c.name).join(",")));
    return k;
  };
  const keyOf = (kind: string, ctx: QueryContext, parts: unknown) => `${core.kb.version}|${day(ctx)}|${ctx.timeZone ?? ""}|${listKey(ctx)}|${kind}|${JSON.stringify(parts)}`;
  return Object.freeze({
    ...core,
    run: (name: string, args: Record<string, string>, ctx: QueryContext) => remember(keyOf("run", ctx, [name, args]), () => core.run(name, args, ctx)),
    handleText: (text: string, ctx: QueryContext) => remember(keyOf("text", ctx, text), () => core.handleText(text, ctx)),
    ask: (question: string, ctx: QueryContext) => remember(keyOf("ask", ctx, question), () => core.ask(question, ctx)),
  });
}
