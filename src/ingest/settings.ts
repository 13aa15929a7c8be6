// Every tuned number of the ingest path, in one place, each with its reason.

/** Bumped whenever extraction changes what it produces: the source's provenance records it, and a re-ingest
 * with another version re-extracts an unchanged post instead of saying "nothing new". */
export const EXTRACTOR_VERSION = "aistack-ingest/1";

export const INGEST_LIMITS = Object.freeze({
  /** A long feature article is ~50 kB of JSON (the seed is 49 kB); 2 MB leaves room for big posts and stops a
   * misdirected download (a media file, a dump) before it is parsed. */
  maxResponseBytes: 2_000_000,
  /** Rendered post HTML above this is not an article we can review sentence by sentence. */
  maxContentChars: 500_000,
  /** A WordPress API answers in well under a second; 10 s per attempt allows a slow shared host. */
  requestTimeoutMs: 10_000,
  /** Attempts per request in all (1 + retries) for network errors, timeouts, 429 and 5xx. */
  attempts: 3,
  /** First retry delay; doubles each time (p-retry's factor 2): 0.5 s, 1 s. */
  retryMinDelayMs: 500,
  /** The largest page WordPress allows (per_page max is 100): fewest requests for a date range. */
  perPage: 100,
  /** A site with more pages than this since the given date is a mistake in --since, not a reading list. */
  maxPages: 20,
  /** Text shorter than this (in characters, tags stripped) is "a post with no text". */
  minTextChars: 40,
  /** Sentences shorter than this many words are captions or fragments ("Figure:"), not statements. */
  minSentenceWords: 4,
  /** A fact's text may be 600 characters (schema); longer sentences are cut at a word boundary for `text`. */
  maxStatementChars: 600,
  /** Quotes are stored in refs, whose schema caps them at 400 characters. */
  maxQuoteChars: 400,
  /** fuse.js score (0 exact … 1 anything) under which an unknown capitalised name counts as a misspelling of an
   * alias ("Infernentia" → Inferentia); 0.25 accepts one or two letters wrong in a long name, nothing looser. */
  entityFuzzyScore: 0.25,
  /** Capitalised names seen fewer times than this are not proposed as new entities (one-off words). */
  candidateEntityMinCount: 1,
  /** Word overlap (Jaccard over content words) above which two statements read as the same claim. */
  duplicateTextOverlap: 0.6,
});
