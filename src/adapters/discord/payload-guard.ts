// Gateway payloads checked before discord.js builds objects from them. discord.js assumes a component interaction
// carries the message its component is on: one without `message` threw inside the gateway's dispatch and took the
// process down. Such a payload, and any other whose construction throws, is dropped with a warning on the client
// (the adapter logs client warnings), and the connection keeps serving.
import { Events, InteractionType, type Client } from "discord.js";

type RawInteraction = { type?: unknown; message?: unknown; id?: unknown };
type ActionsOf = { actions: { InteractionCreate: { handle(data: unknown): unknown } } };

/** Why discord.js cannot take this INTERACTION_CREATE payload, or undefined when it can. */
export function interactionPayloadProblem(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null) return "payload is not an object";
  const d = data as RawInteraction;
  if (d.type === InteractionType.MessageComponent && (typeof d.message !== "object" || d.message === null)) return "component interaction without its message";
  return undefined;
}

export function guardInteractionPayloads(client: Client): Client {
  // `actions` is discord.js's internal dispatch table (no public hook runs before it); checked so an upgrade that
  // moves it fails loudly here instead of silently dropping the guard.
  const action = (client as unknown as Partial<ActionsOf>).actions?.InteractionCreate;
  if (!action || typeof action.handle !== "function") throw new Error("discord.js no longer has actions.InteractionCreate.handle: update payload-guard.ts");
  const handle = action.handle.bind(action);
  action.handle = (data: unknown) => {
    const problem = interactionPayloadProblem(data);
    if (problem) {
      client.emit(Events.Warn, `interaction dropped: ${problem}`);
      return {};
    }
    try {
      return handle(data);
    } catch (err) {
      client.emit(Events.Warn, `interaction dropped: discord.js could not read it (${(err as Error).name})`);
      return {};
    }
  };
  return client;
}
