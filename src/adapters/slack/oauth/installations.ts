// Bolt's InstallationStore on the storage ports: what /slack/oauth_redirect stores and what Bolt's authorize reads
// for every request (so every reply and App Home publish uses the workspace's own token), with the installation
// sealed by TokenSeal. Also the digest poster's token lookup, the removal on app_uninstalled / tokens_revoked, and
// the start-up check that SLACK_TOKEN_KEY is the key the stored installations were sealed with.
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { ConfigError } from "../../../errors.js";
import type { Logger } from "../../../log.js";
import type { InstallationRecordStore, RemovalCause, RemovalResult } from "../../../storage/types.js";
import type { TokenSeal } from "./token-seal.js";

/** What a workspace's installation gives a caller that posts: the bot token and who the bot is there. */
export interface WorkspaceBot {
  token: string;
  botUserId: string;
  botId?: string;
}

export class StoredInstallations implements InstallationStore {
  constructor(
    private readonly storage: InstallationRecordStore,
    private readonly seal: TokenSeal,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {}

  /** Refuses to start when stored installations were sealed with another key: the message names the variable only. */
  async checkKey(): Promise<void> {
    const others = (await this.storage.installationKeyIds("slack")).filter((id) => id !== this.seal.keyId);
    if (others.length) {
      throw new ConfigError([{ name: "SLACK_TOKEN_KEY", reason: "is not the key the stored Slack installations were encrypted with; set the key they were installed with (or reinstall each workspace)" }]);
    }
  }

  async storeInstallation(installation: Installation): Promise<void> {
    // The manifest has org_deploy_enabled: false; an org-wide install has no single team to answer for.
    if (installation.isEnterpriseInstall || !installation.team?.id) throw new Error("org-wide (Enterprise Grid) installs are not supported: install aistack into each workspace");
    if (!installation.bot?.token || !installation.bot.userId) throw new Error("the installation has no bot token: the app must ask for bot scopes");
    const workspace = installation.team.id;
    const now = this.clock().toISOString();
    const current = await this.storage.getInstallation("slack", workspace);
    await this.storage.saveInstallation({
      platform: "slack",
      workspace,
      ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
      ...(installation.appId ? { appId: installation.appId } : {}),
      botUserId: installation.bot.userId,
      ...(installation.bot.id ? { botId: installation.bot.id } : {}),
      scopes: installation.bot.scopes ?? [],
      ...(installation.user?.id ? { installedBy: installation.user.id } : {}),
      sealed: this.seal.seal(JSON.stringify(installation), workspace),
      keyId: this.seal.keyId,
      installedAt: current?.installedAt ?? now,
      updatedAt: now,
    });
    this.logger.info({ platform: "slack", workspace, reinstall: Boolean(current) }, "slack installation stored");
  }

  /** Bolt's authorize asks here on every request; no installation (or one that does not open) means no token: nothing is posted. */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const workspace = query.teamId;
    if (!workspace || query.isEnterpriseInstall) throw new Error("no installation for an org-wide request");
    const installation = await this.open(workspace);
    if (!installation) throw new Error("no installation for this workspace");
    return installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    if (query.teamId) await this.remove(query.teamId, "app_uninstalled");
  }

  /** The bot token of a workspace, for posts made outside a request (the digest); undefined when not installed. */
  async botFor(workspace: string): Promise<WorkspaceBot | undefined> {
    const installation = await this.open(workspace);
    const bot = installation?.bot;
    return bot?.token ? { token: bot.token, botUserId: bot.userId, ...(bot.id ? { botId: bot.id } : {}) } : undefined;
  }

  /** app_uninstalled / tokens_revoked: idempotent, in either order (storage pauses once). */
  async remove(workspace: string, cause: RemovalCause): Promise<RemovalResult> {
    const result = await this.storage.removeInstallation("slack", workspace, cause, this.clock());
    this.logger.info({ platform: "slack", workspace, cause, ...result }, "slack installation removed");
    return result;
  }

  private async open(workspace: string): Promise<Installation | undefined> {
    const record = await this.storage.getInstallation("slack", workspace);
    if (!record) return undefined;
    try {
      return JSON.parse(this.seal.open(record.sealed, workspace)) as Installation;
    } catch {
      // the start-up check makes this rare (a row altered by hand); the row's key id, never its contents, is logged
      this.logger.error({ platform: "slack", workspace, keyId: record.keyId }, "slack installation could not be decrypted with SLACK_TOKEN_KEY; treating the workspace as not installed");
      return undefined;
    }
  }
}
