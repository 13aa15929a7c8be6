// The SQLite side of workspace installations (Slack OAuth, several workspaces). An installation's tokens arrive
// sealed; this file only stores them. Removing an installation also pauses the workspace's digests and quick answers
// in the same IMMEDIATE transaction, so an app_uninstalled and a tokens_revoked racing each other (on any process
// sharing the file) pause once and record one reason.
import type Database from "better-sqlite3";
import { REMOVAL_REASONS, type InstallationRecord, type RemovalCause, type RemovalResult } from "../types.js";

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
const IN_REASONS = `(${REASONS.map(() => "?").join(", ")})`;

/** Synchronous; SqliteStorage exposes each method as an async port method. */
export class SqliteInstallationStore {
  constructor(
    private readonly db: Database.Database,
    private readonly transaction: <T>(fn: () => T) => T,
  ) {}

  saveInstallation(r: InstallationRecord): void {
    this.transaction(() => {
      this.db.prepare(`INSERT INTO installations (platform, workspace, enterprise_id, app_id, bot_user_id, bot_id, scopes, installed_by, sealed, key_id, installed_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (platform, workspace) DO UPDATE SET enterprise_id = excluded.enterprise_id, app_id = excluded.app_id, bot_user_id = excluded.bot_user_id,
          bot_id = excluded.bot_id, scopes = excluded.scopes, installed_by = excluded.installed_by, sealed = excluded.sealed, key_id = excluded.key_id, updated_at = excluded.updated_at`)
        .run(r.platform, r.workspace, r.enterpriseId ?? null, r.appId ?? null, r.botUserId, r.botId ?? null, JSON.stringify(r.scopes), r.installedBy ?? null, r.sealed, r.keyId, r.installedAt, r.updatedAt);
      // What the removal paused comes back; pauses for other reasons (a dead channel) stay.
      this.db.prepare(`UPDATE channel_settings SET paused_reason = NULL, paused_at = NULL WHERE platform = ? AND workspace = ? AND paused_reason IN ${IN_REASONS}`)
        .run(r.platform, r.workspace, ...REASONS);
      const resumed = this.db.prepare(`UPDATE digest_subscriptions SET paused_reason = NULL, paused_at = NULL WHERE platform = ? AND workspace = ? AND paused_reason IN ${IN_REASONS} RETURNING channel`)
        .all(r.platform, r.workspace, ...REASONS) as { channel: string }[];
      const audit = this.db.prepare("INSERT INTO digest_audit (platform, workspace, channel, actor, at, action, detail) VALUES (?, ?, ?, 'system', ?, 'resume', 'the app was installed again')");
      for (const { channel } of resumed) audit.run(r.platform, r.workspace, channel, r.updatedAt);
    });
  }

  getInstallation(platform: "slack", workspace: string): InstallationRecord | undefined {
    const row = this.db.prepare("SELECT * FROM installations WHERE platform = ? AND workspace = ?").get(platform, workspace) as InstallationRow | undefined;
    return row && toRecord(row);
  }

  removeInstallation(platform: "slack", workspace: string, cause: RemovalCause, at: Date): RemovalResult {
    const when = at.toISOString();
    const reason = REMOVAL_REASONS[cause];
    return this.transaction(() => {
      const removed = this.db.prepare("DELETE FROM installations WHERE platform = ? AND workspace = ?").run(platform, workspace).changes === 1;
      const quick = this.db.prepare("UPDATE channel_settings SET paused_reason = ?, paused_at = ? WHERE platform = ? AND workspace = ? AND autoanswer = 1 AND paused_reason IS NULL")
        .run(reason, when, platform, workspace).changes;
      const paused = this.db.prepare("UPDATE digest_subscriptions SET paused_reason = ?, paused_at = ? WHERE platform = ? AND workspace = ? AND paused_reason IS NULL RETURNING channel")
        .all(reason, when, platform, workspace) as { channel: string }[];
      const audit = this.db.prepare("INSERT INTO digest_audit (platform, workspace, channel, actor, at, action, detail) VALUES (?, ?, ?, 'system', ?, 'pause', ?)");
      for (const { channel } of paused) audit.run(platform, workspace, channel, when, reason);
      return { removed, digestsPaused: paused.length, quickAnswersPaused: quick };
    });
  }

  installationKeyIds(platform: "slack"): string[] {
    return (this.db.prepare("SELECT DISTINCT key_id FROM installations WHERE platform = ? ORDER BY key_id").all(platform) as { key_id: string }[]).map((r) => r.key_id);
  }
}
