// The bot scopes aistack asks for: the manifest declares the same list (tests/unit/slack-manifest.test.ts checks),
// and the OAuth install link (/slack/install) carries it.
export const BOT_SCOPES = Object.freeze([
  "commands", // /aistack
  "chat:write", // answers in threads and DMs, digests
  "app_mentions:read", // @aistack in channels
  "im:history", // direct messages to the app
  "channels:history", // quick answers in public channels that opted in
  "groups:history", // quick answers in private channels that opted in
  "users:read", // admin flag and time zone for `digest`
  "files:write", // a timeline answer's picture, uploaded beside it (files.uploadV2)
  "im:write", // Show as picture: the picture sent to the asker in a direct message
  "channels:read", // App Home: which public channels the viewer is in (users.conversations)
  "groups:read", // App Home: which private channels the viewer is in
  "mpim:read", // App Home: which group DMs the viewer is in
] as const);
