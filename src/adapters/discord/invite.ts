// The invite URL: exactly the scopes and permissions the adapter uses, nothing more.
import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField } from "discord.js";

export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/** View Channels, Send Messages, Send Messages in Threads, Embed Links, Attach Files (a timeline's picture), Read Message History (replies reference the question). */
export const INVITE_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
  PermissionFlagsBits.ReadMessageHistory,
]).bitfield;

export function inviteUrl(applicationId: string): string {
  const q = new URLSearchParams({ client_id: applicationId, scope: INVITE_SCOPES.join(" "), permissions: INVITE_PERMISSIONS.toString() });
  return `https://discord.com/oauth2/authorize?${q.toString().replace(/\+/g, "%20")}`;
}
