// Gateway payloads discord.js cannot take are dropped before it builds objects from them (src/adapters/discord/
// payload-guard.ts): a component interaction without `message` threw inside the gateway dispatch and crashed the
// process. Through a real discord.js Client against the local fake API: the bad payload is dropped with a client
// warning, and the next command is answered as usual.
import { Events } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscordApi } from "../helpers/discord-fake-api.js";
import { startHarness, tempDbFile, type Harness } from "../helpers/discord-harness.js";
import { buttonPayload, chatInputPayload } from "../helpers/discord-interactions.js";

const api = new FakeDiscordApi();
const db = tempDbFile();
let h: Harness;
beforeAll(async () => {
  await api.start();
  h = await startHarness(api, db.file);
});
afterAll(async () => {
  await h.close();
  await api.stop();
  db.cleanup();
});

describe("malformed interactions", () => {
  it("a button press without its message is dropped with a warning, and the bot keeps answering", async () => {
    const warnings: string[] = [];
    h.client.on(Events.Warn, (w) => warnings.push(w));
    const { message: _message, ...withoutMessage } = buttonPayload("aistack:more:abc:2");
    await h.interact(withoutMessage);
    await h.interact(null);
    expect(warnings).toEqual(["interaction dropped: component interaction without its message", "interaction dropped: payload is not an object"]);
    expect(api.callbacks()).toHaveLength(0);

    const cmd = chatInputPayload("timeline", { subject: "trainium" });
    await h.interact(cmd);
    expect(api.callbacks().map((c) => c.path)).toEqual([`/interactions/${cmd.id}/${cmd.token}/callback`]);
  });
});
