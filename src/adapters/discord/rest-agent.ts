// The HTTP dispatcher discord.js's REST client sends through. Without one it takes the process-wide undici
// dispatcher, which whichever undici runs first installs: in a process that also runs Slack Socket Mode (undici 7),
// @discordjs/rest's own undici (6) then sent its multipart bodies (a timeline picture) through undici 7, which cannot
// read them ("action is not a function") and the upload failed. An agent from the undici @discordjs/rest itself
// loads keeps its requests on that one library, whatever else the process uses.
import { createRequire } from "node:module";

type Dispatcher = object;
let agent: Dispatcher | undefined;

export function discordRestAgent(): Dispatcher {
  if (!agent) {
    const fromRest = createRequire(createRequire(import.meta.url).resolve("@discordjs/rest"));
    const { Agent } = fromRest("undici") as { Agent: new () => Dispatcher };
    agent = new Agent();
  }
  return agent;
}
