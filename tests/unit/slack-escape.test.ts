import { describe, expect, it } from "vitest";
import { escapeText, safe, slackToPlain, truncate, userMention } from "../../src/adapters/slack/escape.js";
import { checkRequestTimestamp } from "../../src/adapters/slack/timestamp-guard.js";

describe("slack escaping", () => {
  it("escapes &, < and > so nothing can become a link or a mention", () => {
    expect(escapeText("a & b <!channel> <@U123> x>y")).toBe("a &amp; b &lt;!channel&gt; &lt;@U123&gt; x&gt;y");
  });

  it("breaks bare @channel, @here and @everyone words", () => {
    const out = escapeText("hey @everyone and @here and @Channel, mail me@heresy.com");
    expect(out).not.toMatch(/@(everyone|here|channel)\b/i);
    expect(out.replace(/\u2060/g, "")).toBe("hey @everyone and @here and @Channel, mail me@heresy.com");
  });

  it("never cuts an entity in half when truncating", () => {
    const s = escapeText("aaaa<bbbb");
    const t = truncate(s, 7);
    expect(t.length).toBeLessThanOrEqual(7);
    expect(t).toBe("aaaa…");
    expect(safe("x".repeat(10), 5)).toBe("xxxx…");
  });

  it("turns Slack's wire format back into what the user typed", () => {
    expect(slackToPlain("<@UBOT> when was &lt;Trainium&gt; announced? &amp; <https://x.io|x> <#C123|general> <!here>")).toBe(
      "when was <Trainium> announced? & x #general @here",
    );
    expect(slackToPlain("<@UBOT|aistack>")).toBe("");
  });

  it("only well-formed user ids become attribution mentions", () => {
    expect(userMention("U12345")).toBe("<@U12345>");
    expect(userMention("U1> <!channel")).toBe("someone");
  });
});

describe("request timestamp window", () => {
  const now = 1_750_000_000_000;
  const sec = Math.floor(now / 1000);
  it("accepts five minutes either way and refuses beyond", () => {
    expect(checkRequestTimestamp(String(sec), now)).toBe("ok");
    expect(checkRequestTimestamp(String(sec - 299), now)).toBe("ok");
    expect(checkRequestTimestamp(String(sec + 299), now)).toBe("ok");
    expect(checkRequestTimestamp(String(sec - 301), now)).toBe("too_old");
    expect(checkRequestTimestamp(String(sec + 301), now)).toBe("in_future");
    expect(checkRequestTimestamp(undefined, now)).toBe("missing");
    expect(checkRequestTimestamp("12abc", now)).toBe("missing");
  });
});
