// The daily digest's pure composition: knowledge base + channel + date in, neutral Answer out.
export { composeDigest, factOfTheDayEligible, sourceRefs, DIGEST_SECTIONS, NEW_SINCE_CAP, ON_THIS_DAY_CAP, type DigestAsker, type DigestOptions, type DigestResult } from "./compose.js";
export { simulateDigests, type DigestDay, type SimulationOptions } from "./simulate.js";
export { pickRotation, seededShuffle, hash32, type RotationPick } from "./rotation.js";
export { addDays, formatDay, isIsoDay, parseDay, isoWeek, longDate, type Day } from "./calendar.js";
