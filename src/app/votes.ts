// Feedback votes: the buttons under an answer and the notices after a vote, the same on every platform.
import type { Vote } from "../storage/types.js";

export const VOTES: readonly Vote[] = ["helpful", "not_helpful", "wrong"];
export const VOTE_LABELS: Record<Vote, string> = { helpful: "Helpful", not_helpful: "Not helpful", wrong: "Report outdated or wrong" };
export const VOTE_THANKS: Record<Vote, string> = {
  helpful: "Thanks, glad it helped. Your vote is recorded.",
  not_helpful: "Thanks, your vote is recorded. Try `help` for other ways to ask.",
  wrong: "Thanks for reporting it: the records behind this answer are flagged for review.",
};
export const VOTE_UNSAVED_TEXT = "Sorry, I could not record your vote right now (the database is unavailable). Please try again in a moment.";
export const TOO_OLD_TEXT = "That answer is too old to act on. Ask again and use the new one.";
