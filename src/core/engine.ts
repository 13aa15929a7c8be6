// Everything built once per knowledge base that the commands share: indexes and the understanding step.
import type { KnowledgeBase } from "../kb/types.js";
import { EntityIndex } from "./entity-index.js";
import { FactIndex } from "./fact-index.js";
import type { QueryContext } from "./types.js";
import { understand, type Understanding } from "./understand.js";

export class Engine {
  readonly entities: EntityIndex;
  readonly facts: FactIndex;

  constructor(readonly kb: KnowledgeBase) {
    this.entities = new EntityIndex(kb);
    this.facts = new FactIndex(kb, this.entities);
    Object.freeze(this);
  }

  understand(question: string, ctx: QueryContext): Understanding {
    return understand(question, this.entities, this.facts.knownWords, ctx.now, ctx.timeZone);
  }

  entityName(id: string): string {
    return this.kb.entityById.get(id)?.name ?? id;
  }
}

/** Longest question the core reads; longer input is refused before any work (it is never a real question). */
export const MAX_QUESTION_CHARS = 500;
