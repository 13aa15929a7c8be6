// An HTTP interaction is the raw API payload (no discord.js objects, no cache): this turns it into the app's
// neutral request the way handlers/context.ts does for gateway interactions, with the member's permissions taken
// from what Discord resolved for this channel and sent with this interaction.
import { ChannelType, PermissionFlagsBits, PermissionsBitField, type APIInteraction, type APIUser } from "discord.js";
import type { InboundRequest, RequestInput, Via } from "../../../app/request.js";
import type { ChannelKey } from "../../../storage/types.js";
import { DM_WORKSPACE } from "../handlers/context.js";

const THREADS: readonly number[] = [ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread];

export const rawUser = (i: APIInteraction): APIUser | undefined => i.member?.user ?? i.user;

/** Settings belong to a channel; a thread uses its parent's (as on the gateway). */
export function rawChannelKey(i: APIInteraction): ChannelKey {
  const channel = i.channel as { id: string; type?: number; parent_id?: string | null } | undefined;
  const channelId = channel?.id ?? i.channel_id ?? rawUser(i)?.id ?? "unknown";
  const settings = channel?.type !== undefined && THREADS.includes(channel.type) && channel.parent_id ? channel.parent_id : channelId;
  return { platform: "discord", workspace: i.guild_id ?? DM_WORKSPACE, channel: settings };
}

export function rawInteractionRequest(i: APIInteraction, via: Via, input: RequestInput): InboundRequest {
  const user = rawUser(i);
  const inGuild = Boolean(i.guild_id);
  const perms = i.member?.permissions ? new PermissionsBitField(BigInt(i.member.permissions)) : undefined;
  const channelId = i.channel?.id ?? i.channel_id ?? user?.id ?? "unknown";
  return {
    key: rawChannelKey(i),
    via,
    actor: {
      id: user?.id ?? "unknown",
      canManageChannel: inGuild ? Boolean(perms?.has(PermissionFlagsBits.ManageChannels)) : true,
      isWorkspaceAdmin: inGuild ? Boolean(perms?.has(PermissionFlagsBits.ManageGuild)) : true,
    },
    rateSubject: { user: user?.id ?? "unknown", channel: channelId },
    input,
    receivedAt: Date.now(),
  };
}

/** The name Discord shows for the member who clicked: server nickname, global name, username. */
export function rawDisplayName(i: APIInteraction): string {
  const user = rawUser(i);
  return i.member?.nick || user?.global_name || user?.username || "someone";
}

/** `/aistack <sub> name:value …`: the subcommand and its string options, by name. */
export function rawSubcommand(data: unknown): { name: string; options: Map<string, { value: string; focused: boolean }> } {
  const top = (data as { options?: RawOption[] } | undefined)?.options ?? [];
  const sub = top.find((o) => o.type === 1);
  const options = new Map<string, { value: string; focused: boolean }>();
  for (const o of sub?.options ?? []) options.set(o.name, { value: typeof o.value === "string" ? o.value : String(o.value ?? ""), focused: Boolean(o.focused) });
  return { name: sub?.name ?? "help", options };
}

interface RawOption {
  type: number;
  name: string;
  value?: unknown;
  focused?: boolean;
  options?: RawOption[];
}
