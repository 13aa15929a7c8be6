// Slack's message limits, as named constants. The renderer truncates to these with an explicit "…and N more",
// so a long answer never turns into a failed post (msg_blocks_too_long, invalid_blocks).
export const SLACK_LIMITS = {
  /** blocks in one message (and in a Home tab view: 100) */
  blocksPerMessage: 50,
  blocksPerView: 100,
  /** a section block's text */
  sectionText: 3000,
  /** a section block's fields (a two-column layout): how many and each one's text */
  sectionFields: 10,
  fieldText: 2000,
  /** a header block's plain_text */
  headerText: 150,
  /** a context block: elements and each element's text */
  contextElements: 10,
  contextText: 2000,
  /** a button's label and value */
  buttonText: 75,
  buttonValue: 2000,
  /** fallback `text` of a message: Slack truncates beyond 40k; keep it readable */
  fallbackText: 3000,
  /** total characters across all blocks; Slack rejects ~13k with msg_blocks_too_long, so stay below */
  totalBlockChars: 12_000,
} as const;

/** How many items an answer shows before "…and N more" (ephemeral replies, threads). */
export const MAX_ITEMS_PER_MESSAGE = 20;
/** Quick answers are short: a headline and the top items. */
export const MAX_ITEMS_QUICK = 3;
/** Dedupe keys live this long: Slack retries within minutes, Socket Mode redelivers on reconnect. */
export const EVENT_DEDUPE_TTL_MS = 60 * 60 * 1000;
/** Requests whose signature timestamp is further than this from now (past or future) are refused. */
export const MAX_REQUEST_SKEW_SECONDS = 5 * 60;
/** users.info on the command path must not threaten the 3-second ack. */
export const USER_LOOKUP_TIMEOUT_MS = 1200;
