// The digest's ChannelPoster when aistack serves several workspaces: each post goes out with the bot token of the
// workspace the subscription belongs to. A workspace without an installation (uninstalled, revoked) is a channel
// the bot cannot post to: the scheduler pauses it instead of retrying.
import type { webApi } from "@slack/bolt";
import type { ChannelPoster, PostOutcome } from "../../../app/poster.js";
import type { Answer } from "../../../core/answer.js";
import type { Logger } from "../../../log.js";
import type { ChannelKey } from "../../../storage/types.js";
import { postClient, SlackPoster } from "../poster.js";
import type { StoredInstallations } from "./installations.js";

export class WorkspacePoster implements ChannelPoster {
  readonly platform = "slack" as const;
  /** one WebClient per workspace and token (a reinstall brings a new token, and with it a new client) */
  private readonly clients = new Map<string, { token: string; client: webApi.WebClient }>();

  constructor(
    private readonly installations: StoredInstallations,
    private readonly client: { slackApiUrl?: string; logger?: Logger; timeoutMs?: number },
  ) {}

  async post(key: ChannelKey, answer: Answer): Promise<PostOutcome> {
    let bot;
    try {
      bot = await this.installations.botFor(key.workspace);
    } catch {
      return { ok: false, kind: "transient", detail: "storage_unavailable" };
    }
    if (!bot) return { ok: false, kind: "dead_channel", detail: "not_installed" };
    return new SlackPoster(this.clientFor(key.workspace, bot.token)).post(key, answer);
  }

  private clientFor(workspace: string, token: string): webApi.WebClient {
    const cached = this.clients.get(workspace);
    if (cached?.token === token) return cached.client;
    const client = postClient(token, this.client.slackApiUrl, this.client.logger, this.client.timeoutMs);
    this.clients.set(workspace, { token, client });
    return client;
  }
}
