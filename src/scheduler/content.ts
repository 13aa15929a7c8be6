// The one way a channel's digest is built, used by the scheduled post and by `digest preview`, so the two
// are the same answer for the same local date.
import { composeDigest, type DigestAsker, type DigestResult } from "../core/digest/index.js";
import type { Topic } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";
import type { ChannelKey, DigestDeliveryStore } from "../storage/types.js";

/** The rotation seed and identity of a channel: "slack:T1:C1". */
export const channelId = (key: ChannelKey) => `${key.platform}:${key.workspace}:${key.channel}`;

export async function digestForChannel(kb: KnowledgeBase, core: DigestAsker | undefined, store: DigestDeliveryStore, key: ChannelKey, topics: readonly string[], localDate: string): Promise<DigestResult> {
  const [last, used] = await Promise.all([store.lastPostedDigestBefore(key, localDate), store.usedDigestFacts(key, localDate)]);
  return composeDigest(kb, {
    date: localDate,
    channelId: channelId(key),
    topics: topics as Topic[],
    lastDeliveredAt: last?.localDate,
    usedFactIds: used,
    core,
  });
}
