// What people type to a chat bot that is not a question: a greeting or thanks gets a hello and three example
// questions; a bare follow-up ("why?", "and 2024?") gets a plain "I don't keep context". Checked before `ask`
// reads the text as a question, so neither is ever refused as "I don't have that". Pure, like every command.
import { answersConfidently, finishAnswer, type Answer, type AnswerItem } from "../answer.js";
import type { Engine } from "../engine.js";
import type { QueryContext } from "../types.js";

/** How many example questions a greeting offers. */
export const EXAMPLES = 3;

const GREETING = /^(hi+|hello+|hey+|hiya|howdy|yo|hallo|greetings|good (morning|afternoon|evening|day))( (there|all|everyone|folks|team|aistack|bot))?$/;
const THANKS = /^(thanks|thank you|thx|thnx|ty|cheers|ta|many thanks|thanks a lot|thank you very much|thanks so much|much appreciated|great|cool|nice|ok|okay|awesome|perfect|got it)( (aistack|bot|again|for that|for the help))?$/;

/**
 * Words a follow-up can be made of without naming anything: question words, pronouns, connectives and fillers.
 * Text made only of these (and dates) refers to an earlier message, which a stateless bot does not have.
 */
const CONTEXT_WORDS = new Set(
  ("why how what when who where which whose whom so and but or then about it its it's that that's this those these them they " +
    "he she him her his their there more else really same also too again the a an in of for on at to with from by is was were are be " +
    "do does did done much many come not no yes tell me us explain please elaborate go details detail example examples one other ones " +
    "huh hmm mean means meant before after earlier later previous last next year years month so? ok okay wait sure one's").split(" "),
);
const DATE_WORD = /^((19|20)\d{2}s?|'\d{2}|q[1-4]|h[12]|early|mid|late|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;
const DATE_PREPOSITIONS = new Set(["in", "for", "of", "on", "at", "by", "during", "from", "to", "the"]);
/** Longer text is a question of its own even when made of common words. */
const MAX_FRAGMENT_WORDS = 6;

const normal = (text: string) => text.toLowerCase().replace(/[\u2019']/g, "'").replace(/[^\p{L}\p{N}' ]+/gu, " ").replace(/\s+/g, " ").trim();

export type Chat = "greeting" | "thanks" | "follow-up";

/** What kind of chat the text is, or undefined for anything that may be a question. */
export function chatKind(text: string): Chat | undefined {
  const t = normal(text);
  if (GREETING.test(t)) return "greeting";
  if (THANKS.test(t)) return "thanks";
  const words = t ? t.split(" ") : [];
  if (!words.length) return "follow-up";
  if (words.length > MAX_FRAGMENT_WORDS || !words.every((w) => CONTEXT_WORDS.has(w) || DATE_WORD.test(w))) return undefined;
  // "2024" or "in late 2023" alone asks for that time's events, which `ask` answers as a timeline
  const rest = words.filter((w) => !DATE_WORD.test(w));
  return rest.every((w) => DATE_PREPOSITIONS.has(w)) && rest.length < words.length ? undefined : "follow-up";
}

/** The reply to chat, or undefined when the text should be read as a question. */
export function conversation(engine: Engine, text: string, ctx: QueryContext, ask: (question: string) => Answer): Answer | undefined {
  const kind = chatKind(text);
  if (!kind) return undefined;
  const examples = exampleQuestions(engine, ask);
  const items: AnswerItem[] = examples.map((q) => ({ id: q.id, recordKind: "question", title: q.question, text: q.question, entities: [], sources: [], conflictNotes: [], score: 1 }));
  const [headline, summary] =
    kind === "greeting"
      ? ["Hello! I answer questions about the AI industry stack.", "Clouds, AI chips, foundation models and the deals between them, from a cited knowledge base. For example:"]
      : kind === "thanks"
        ? ["You're welcome!", "Ask another question any time, for example:"]
        : [`I don't keep context: ask a full question${examples[0] ? `, e.g. "${examples[0].question}"` : "."}`, "Each message is answered on its own, so name what you mean. Other questions I can answer:"];
  return finishAnswer({
    kind: "help",
    query: text.trim(),
    headline,
    summary,
    sections: [{ items: kind === "follow-up" ? items.slice(1, EXAMPLES + 1) : items.slice(0, EXAMPLES) }],
    suggestions: ["help"],
    confident: false,
  });
}

/**
 * The first questions of data/questions.yaml the core answers confidently: examples that work when tried. Worked
 * out once per knowledge base (the curated questions name no relative dates, so the clock does not change them).
 */
const cache = new WeakMap<Engine, { id: string; question: string }[]>();
function exampleQuestions(engine: Engine, ask: (question: string) => Answer): { id: string; question: string }[] {
  let found = cache.get(engine);
  if (!found) {
    found = [];
    for (const q of engine.kb.questions) {
      if (found.length >= EXAMPLES + 1) break;
      if (answersConfidently(ask(q.question))) found.push({ id: q.id, question: q.question });
    }
    cache.set(engine, found);
  }
  return found.slice(0, EXAMPLES + 1);
}
