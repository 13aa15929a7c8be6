// Builds real discord.js objects (ChatInputCommandInteraction, AutocompleteInteraction, ButtonInteraction,
// Message) from raw gateway payloads, as if the gateway had delivered them, without logging in.
//
// PRIVATE API: this helper calls discord.js internals, `client.actions.InteractionCreate.handle(raw)`,
// `client.actions.MessageCreate.handle(raw)`, `client.guilds._add(raw)` and assigns `client.user` the way the READY
// handler does. They are not part of discord.js's public API; discord.js is pinned in package-lock.json
// (14.28.1 when this was written) and this file is the only place that touches them. If a discord.js upgrade
// breaks the tests, fix it here.
import { ClientUser, PermissionFlagsBits, PermissionsBitField, type Client } from "discord.js";
import { BOT_USER } from "./discord-fake-api.js";

export const GUILD_ID = "800000000000000001";
export const CHANNEL_ID = "800000000000000010";
export const OTHER_CHANNEL_ID = "800000000000000011";
export const THREAD_ID = "800000000000000020";
export const APP_ID = BOT_USER.id;
export const MOD_ROLE_ID = "800000000000000030";

export interface RawUser { id: string; username: string; global_name: string | null; discriminator: string; bot?: boolean; avatar: null }
export const user = (id: string, name: string, bot = false): RawUser => ({ id, username: name.toLowerCase().replace(/\W/g, ""), global_name: name, discriminator: "0", avatar: null, ...(bot ? { bot: true } : {}) });

export const ALICE = user("700000000000000001", "Alice");
/** a display name that tries to ping everyone */
export const MALLORY = user("700000000000000002", "@everyone <@&800000000000000030>");
export const OTHER_BOT = user("700000000000000003", "OtherBot", true);

/** Permissions a member has in a channel, as Discord sends them in an interaction (a decimal bitfield string). */
export const PERMS_MEMBER = new PermissionsBitField([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.UseApplicationCommands]).bitfield.toString();
export const PERMS_MANAGER = new PermissionsBitField([BigInt(PERMS_MEMBER), PermissionFlagsBits.ManageChannels]).bitfield.toString();

let seq = 1_200_000_000_000_000_000n;
export const snowflake = () => String(seq++);

/** What the READY event does for the bot user. */
export function setBotUser(client: Client): void {
  const Ctor = ClientUser as unknown as new (c: Client, data: unknown) => ClientUser;
  (client as unknown as { user: ClientUser }).user = new Ctor(client, BOT_USER);
}

/** What GUILD_CREATE does: a guild with a text channel, a second channel, a thread, @everyone and a moderator role. */
export function seedGuild(client: Client): void {
  const everyone = { id: GUILD_ID, name: "@everyone", permissions: PERMS_MEMBER, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 };
  const mod = { ...everyone, id: MOD_ROLE_ID, name: "mod", permissions: PERMS_MANAGER, position: 1 };
  const text = (id: string, name: string) => ({ id, type: 0, guild_id: GUILD_ID, name, position: 0, permission_overwrites: [], nsfw: false, parent_id: null });
  (client.guilds as unknown as { _add(data: unknown): unknown })._add({
    id: GUILD_ID, name: "Test Guild", owner_id: "700000000000000099", roles: [everyone, mod], emojis: [], stickers: [], features: [],
    channels: [text(CHANNEL_ID, "general"), text(OTHER_CHANNEL_ID, "random")],
    threads: [{ id: THREAD_ID, type: 11, guild_id: GUILD_ID, name: "a thread", parent_id: CHANNEL_ID, owner_id: ALICE.id, thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false, archive_timestamp: new Date(0).toISOString() }, message_count: 0, member_count: 1 }],
    members: [], voice_states: [], presences: [], member_count: 2, unavailable: false,
  });
}

interface Where { guild?: boolean; channelId?: string; user?: RawUser; permissions?: string; nick?: string | null }

function base(type: number, where: Where) {
  const u = where.user ?? ALICE;
  const inGuild = where.guild ?? true;
  const channelId = where.channelId ?? (inGuild ? CHANNEL_ID : "800000000000000099");
  return {
    id: snowflake(), application_id: APP_ID, type, token: `tok_${snowflake()}`, version: 1, locale: "en-US", entitlements: [],
    app_permissions: PERMS_MEMBER,
    channel_id: channelId,
    ...(inGuild
      ? {
          guild_id: GUILD_ID, guild_locale: "en-US", context: 0, authorizing_integration_owners: { "0": GUILD_ID },
          channel: { id: channelId, type: channelId === THREAD_ID ? 11 : 0, guild_id: GUILD_ID, name: "general", ...(channelId === THREAD_ID ? { parent_id: CHANNEL_ID } : {}) },
          member: { user: u, roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0, nick: where.nick ?? null, permissions: where.permissions ?? PERMS_MEMBER },
        }
      : { context: 1, authorizing_integration_owners: { "0": GUILD_ID }, channel: { id: channelId, type: 1, recipients: [u] }, user: u }),
  };
}

/** `/aistack <sub> name:value …` */
export function chatInputPayload(sub: string, options: Record<string, string> = {}, where: Where = {}) {
  return {
    ...base(2, where),
    data: { id: "1000", name: "aistack", type: 1, options: [{ type: 1, name: sub, options: Object.entries(options).map(([name, value]) => ({ type: 3, name, value })) }] },
  };
}

/** Autocomplete while typing `value` into `option` of `/aistack <sub>` */
export function autocompletePayload(sub: string, option: string, value: string, where: Where = {}) {
  return {
    ...base(4, where),
    data: { id: "1000", name: "aistack", type: 1, options: [{ type: 1, name: sub, options: [{ type: 3, name: option, value, focused: true }] }] },
  };
}

/** A click on a button with `customId` on an (ephemeral) bot message. */
export function buttonPayload(customId: string, where: Where = {}) {
  const b = base(3, where);
  return {
    ...b,
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: snowflake(), channel_id: b.channel_id, type: 20, author: BOT_USER, content: "", timestamp: new Date(0).toISOString(), edited_timestamp: null,
      tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], components: [], pinned: false, flags: 64,
    },
  };
}

export interface MessageOptions { id?: string; guild?: boolean; channelId?: string; author?: RawUser; mentionsBot?: boolean; roles?: string[]; replyTo?: string }

/** A MESSAGE_CREATE payload. `content` is taken as is (include `<@BOT>` yourself for mentions, or set mentionsBot). */
export function messagePayload(content: string, o: MessageOptions = {}) {
  const author = o.author ?? ALICE;
  const inGuild = o.guild ?? true;
  const channelId = o.channelId ?? (inGuild ? CHANNEL_ID : "800000000000000099");
  const mentions = o.mentionsBot || content.includes(`<@${BOT_USER.id}>`) ? [BOT_USER] : [];
  return {
    id: o.id ?? snowflake(), channel_id: channelId, author, content, timestamp: new Date(0).toISOString(), edited_timestamp: null, tts: false,
    mention_everyone: false, mentions, mention_roles: [], attachments: [], embeds: [], components: [], pinned: false, flags: 0, type: o.replyTo ? 19 : 0,
    ...(o.replyTo ? { message_reference: { type: 0, message_id: o.replyTo, channel_id: channelId, ...(inGuild ? { guild_id: GUILD_ID } : {}) } } : {}),
    ...(inGuild
      ? { guild_id: GUILD_ID, member: { roles: o.roles ?? [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0, nick: null } }
      : { channel_type: 1 }),
  };
}

type Actions = { actions: { InteractionCreate: { handle(d: unknown): void }; MessageCreate: { handle(d: unknown): unknown } } };

/** Delivers a raw interaction as the gateway's INTERACTION_CREATE would. */
export function injectInteraction(client: Client, raw: unknown): void {
  (client as unknown as Actions).actions.InteractionCreate.handle(raw);
}

/** Delivers a raw message as the gateway's MESSAGE_CREATE would. */
export function injectMessage(client: Client, raw: unknown): void {
  (client as unknown as Actions).actions.MessageCreate.handle(raw);
}

/** Forgets cached messages, as a restarted process or another shard would have. */
export function forgetMessages(client: Client): void {
  for (const channel of client.channels.cache.values()) if ("messages" in channel) (channel.messages as { cache: Map<string, unknown> }).cache.clear();
}
