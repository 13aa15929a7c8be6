-- Slack installations (several workspaces through OAuth). The tokens are in `sealed`, encrypted by the app
-- (AES-256-GCM with SLACK_TOKEN_KEY); key_id names the key (a fingerprint), so a start with another key is refused.
CREATE TABLE installations (
  platform text NOT NULL, workspace text NOT NULL,
  enterprise_id text, app_id text, bot_user_id text NOT NULL, bot_id text,
  scopes text NOT NULL DEFAULT '[]', installed_by text,
  sealed text NOT NULL, key_id text NOT NULL,
  installed_at text NOT NULL, updated_at text NOT NULL,
  PRIMARY KEY (platform, workspace)
);

-- Quick answers paused (the app was removed from the workspace) keep their opt-in and say why they stopped.
ALTER TABLE channel_settings ADD COLUMN paused_reason text, ADD COLUMN paused_at text;
