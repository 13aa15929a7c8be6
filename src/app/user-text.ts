// Text a user chose (a nickname, a display name) that the bot repeats in a message others see. Bidirectional
// controls are removed: U+202E and friends reorder what follows them, so "Shared by Bob\u202Etxt.exe" could read as
// something the bot never said. The platform's own markup is escaped by each adapter (Discord: discord.js's
// escapeMarkdown), since only it knows that markup.

/** LRM, RLM, ALM, the embeddings and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069) */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export const stripBidiControls = (text: string): string => text.replace(BIDI_CONTROLS, "");
