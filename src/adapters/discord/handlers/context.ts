// Translating Discord events into the app's neutral Request: where (platform, guild, channel) and who (with
// permissions checked now, from what Discord sent with this event, never cached from an earlier one).
import { PermissionFlagsBits, type BaseInteraction, type Channel, type Message } from "discord.js";
import type { InboundRequest, RequestInput, Via } from "../../../app/request.js";
import type { ChannelKey } from "../../../storage/types.js";
import { NO_MENTIONS, type DiscordMessage } from "../render.js";

export const DM_WORKSPACE = "dm";

/** Settings belong to a channel; a thread uses its parent's, so quick answers switched on in #general work in its threads. */
export function settingsChannelId(channel: Channel | null | undefined, fallback: string): string {
  if (channel && "isThread" in channel && channel.isThread() && channel.parentId) return channel.parentId;
  return channel?.id ?? fallback;
}

export function channelKey(guildId: string | null, channel: Channel | null | undefined, channelId: string): ChannelKey {
  return { platform: "discord", workspace: guildId ?? DM_WORKSPACE, channel: settingsChannelId(channel, channelId) };
}

/**
 * Interactions carry the member's resolved permissions in this channel (`member.permissions`), so the
 * Manage Channels check needs no cache and is correct on every shard. In a DM the user owns the conversation.
 */
export function interactionRequest(interaction: BaseInteraction, via: Via, input: RequestInput): InboundRequest {
  const perms = interaction.memberPermissions;
  const inGuild = interaction.inGuild();
  const channelId = interaction.channelId ?? interaction.user.id;
  return {
    key: channelKey(interaction.guildId, interaction.channel, channelId),
    via,
    actor: {
      id: interaction.user.id,
      canManageChannel: inGuild ? Boolean(perms?.has(PermissionFlagsBits.ManageChannels)) : true,
      isWorkspaceAdmin: inGuild ? Boolean(perms?.has(PermissionFlagsBits.ManageGuild)) : true,
    },
    // snowflakes are unique across Discord: no qualification needed
    rateSubject: { user: interaction.user.id, channel: channelId },
    input,
    receivedAt: Date.now(),
  };
}

/** For messages the permissions come from the guild cache (roles, overwrites); when unknown, the answer is no. */
export function messageRequest(message: Message, via: Via, input: RequestInput, delivery?: InboundRequest["delivery"]): InboundRequest {
  let canManageChannel = !message.inGuild();
  let isWorkspaceAdmin = !message.inGuild();
  if (message.inGuild() && message.member) {
    try {
      const perms = message.channel.permissionsFor(message.member);
      canManageChannel = Boolean(perms?.has(PermissionFlagsBits.ManageChannels));
      isWorkspaceAdmin = Boolean(perms?.has(PermissionFlagsBits.ManageGuild));
    } catch {
      // roles not cached: keep "no"
    }
  }
  return {
    key: channelKey(message.guildId, message.channel, message.channelId),
    via,
    actor: { id: message.author.id, canManageChannel, isWorkspaceAdmin },
    rateSubject: { user: message.author.id, channel: message.channelId },
    input,
    ...(delivery ? { delivery } : {}),
    receivedAt: Date.now(),
  };
}

/**
 * User-typed text before it reaches the core: mention tokens (users, roles, channels, @everyone/@here) mean nothing
 * to a knowledge-base question, so they are dropped rather than searched for.
 */
export const cleanUserText = (text: string) =>
  text.replace(/<@[!&]?\d+>|<#\d+>|@(?:everyone|here)\b/gi, " ").replace(/\s+/g, " ").trim();

/** The display name Discord shows for the user who clicked (server nickname, then global name, then username). */
export function displayName(interaction: BaseInteraction): string {
  const member = interaction.member;
  if (member && "displayName" in member && typeof member.displayName === "string") return member.displayName;
  if (member && "nick" in member && member.nick) return member.nick;
  return interaction.user.displayName;
}

/** discord.js send options from a rendered message: allowed mentions are set on every payload, not only by default. */
export function sendOptions(msg: DiscordMessage) {
  return {
    content: msg.content,
    embeds: msg.embeds,
    components: msg.components,
    allowedMentions: { parse: [], repliedUser: NO_MENTIONS.replied_user },
    ...(msg.flags !== undefined ? { flags: msg.flags } : {}),
  };
}
