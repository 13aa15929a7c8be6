// The daily digest's pure composition: knowledge base + channel + date in, neutral Answer out.
export { composeDigest, sourceRefs, DIGEST_SECTIONS, NEW_SINCE_CAP, ON_THIS_DAY_CAP, type DigestAsker, type DigestOptions, type DigestResult } from "./compose.js";
export { pickRotation, seededShuffle, hash32, type RotationPick } from "./rotation.js";
export { isIsoDay, parseDay, isoWeek, longDate, type Day } from "./calendar.js";
