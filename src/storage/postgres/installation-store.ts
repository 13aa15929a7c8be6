// The Postgres side of workspace installations (Slack OAuth, several workspaces). The tokens arrive sealed; this
// file only stores them. Removing an installation also pauses the workspace's digests and quick answers in the same
// transaction; the pauses only touch rows not paused yet, so an app_uninstalled and a tokens_revoked racing on two
// instances pause once and record one reason (the second waits for the first's row locks, then finds them paused).
import { REMOVAL_REASONS, type InstallationRecord, type RemovalCause, type RemovalResult } from "../types.js";
import type { Db } from "./db.js";

interface InstallationRow {
  platform: "slack"; workspace: string; enterprise_id: string | null; app_id: string | null; bot_user_id: string; bot_id: string | null;
  scopes: string; installed_by: string | null; sealed: string; key_id: string; installed_at: string; updated_at: string;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

const toRecord = (r: InstallationRow): InstallationRecord => ({
  platform: r.platform, workspace: r.workspace, enterpriseId: opt(r.enterprise_id), appId: opt(r.app_id), botUserId: r.bot_user_id, botId: opt(r.bot_id),
  scopes: JSON.parse(r.scopes) as string[], installedBy: opt(r.installed_by), sealed: r.sealed, keyId: r.key_id, installedAt: r.installed_at, updatedAt: r.updated_at,
});

const REASONS = Object.values(REMOVAL_REASONS);

export class PgInstallationStore {
  constructor(private readonly db: Db) {}

  async saveInstallation(r: InstallationRecord): Promise<void> {
    await this.db.transaction("save installation", async (c) => {
      await c.query(`INSERT INTO installations (platform, workspace, enterprise_id, app_id, bot_user_id, bot_id, scopes, installed_by, sealed, key_id, installed_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
        ON CONFLICT (platform, workspace) DO UPDATE SET enterprise_id = EXCLUDED.enterprise_id, app_id = EXCLUDED.app_id, bot_user_id = EXCLUDED.bot_user_id,
          bot_id = EXCLUDED.bot_id, scopes = EXCLUDED.scopes, installed_by = EXCLUDED.installed_by, sealed = EXCLUDED.sealed, key_id = EXCLUDED.key_id, updated_at = EXCLUDED.updated_at`,
      [r.platform, r.workspace, r.enterpriseId ?? null, r.appId ?? null, r.botUserId, r.botId ?? null, JSON.stringify(r.scopes), r.installedBy ?? null, r.sealed, r.keyId, r.installedAt, r.updatedAt]);
      // What the removal paused comes back; pauses for other reasons (a dead channel) stay.
      await c.query("UPDATE channel_settings SET paused_reason = NULL, paused_at = NULL WHERE platform = $1 AND workspace = $2 AND paused_reason = ANY ($3::text[])", [r.platform, r.workspace, REASONS]);
      await c.query(`WITH resumed AS (
          UPDATE digest_subscriptions SET paused_reason = NULL, paused_at = NULL WHERE platform = $1 AND workspace = $2 AND paused_reason = ANY ($3::text[]) RETURNING channel
        ) INSERT INTO digest_audit (platform, workspace, channel, actor, at, action, detail) SELECT $1, $2, channel, 'system', $4, 'resume', 'the app was installed again' FROM resumed`,
      [r.platform, r.workspace, REASONS, r.updatedAt]);
    });
  }

  async getInstallation(platform: "slack", workspace: string): Promise<InstallationRecord | undefined> {
    const r = await this.db.query<InstallationRow>("read installation", "SELECT * FROM installations WHERE platform = $1 AND workspace = $2", [platform, workspace]);
    return r.rows[0] && toRecord(r.rows[0]);
  }

  async removeInstallation(platform: "slack", workspace: string, cause: RemovalCause, at: Date): Promise<RemovalResult> {
    const when = at.toISOString();
    const reason = REMOVAL_REASONS[cause];
    return this.db.transaction("remove installation", async (c) => {
      const removed = (await c.query("DELETE FROM installations WHERE platform = $1 AND workspace = $2", [platform, workspace])).rowCount === 1;
      const quick = (await c.query("UPDATE channel_settings SET paused_reason = $3, paused_at = $4 WHERE platform = $1 AND workspace = $2 AND autoanswer AND paused_reason IS NULL",
        [platform, workspace, reason, when])).rowCount ?? 0;
      const digests = await c.query(`WITH paused AS (
          UPDATE digest_subscriptions SET paused_reason = $3, paused_at = $4 WHERE platform = $1 AND workspace = $2 AND paused_reason IS NULL RETURNING channel
        ) INSERT INTO digest_audit (platform, workspace, channel, actor, at, action, detail) SELECT $1, $2, channel, 'system', $4, 'pause', $3 FROM paused`,
      [platform, workspace, reason, when]);
      return { removed, digestsPaused: digests.rowCount ?? 0, quickAnswersPaused: quick };
    });
  }

  async installationKeyIds(platform: "slack"): Promise<string[]> {
    const r = await this.db.query<{ key_id: string }>("read installation keys", `SELECT DISTINCT key_id FROM installations WHERE platform = $1 ORDER BY key_id`, [platform]);
    return r.rows.map((x) => x.key_id);
  }
}
