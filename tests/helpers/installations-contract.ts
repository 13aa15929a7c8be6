// The installations port's contract (src/storage/types.ts InstallationRecordStore), run on every backend beside
// the storage contract: saved and replaced, read on another connection, removed with the workspace's digests and
// quick answers paused with the cause's reason (once, whichever event comes first), and resumed by a reinstall.
import { afterEach, describe, expect, it } from "vitest";
import { REMOVAL_REASONS, type ChannelKey, type InstallationRecord } from "../../src/storage/types.js";
import type { ContractBackend } from "./storage-contract.js";

const at = (iso: string) => new Date(iso);
const T1: ChannelKey = { platform: "slack", workspace: "T1", channel: "C1" };
const T1_OTHER: ChannelKey = { ...T1, channel: "C2" };
const T2: ChannelKey = { platform: "slack", workspace: "T2", channel: "C1" };
const SCHEDULE = { time: "09:00", tz: "UTC", days: "daily" as const, topics: [] };

export const installation = (workspace: string, over: Partial<InstallationRecord> = {}): InstallationRecord => ({
  platform: "slack", workspace, botUserId: `UB${workspace}`, botId: `BB${workspace}`, scopes: ["commands", "chat:write"], installedBy: "U1",
  sealed: `v1.sealed-for-${workspace}`, keyId: "k1", installedAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:00:00.000Z", ...over,
});

export function installationsContract(name: string, backend: ContractBackend): void {
  const opened: { cleanup(): Promise<void> }[] = [];
  const open = async () => {
    const o = await backend.open();
    opened.push(o);
    return o;
  };
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.cleanup();
  });

  describe(`${name}: installations`, () => {
    it("saved, read back on another connection, replaced by a reinstall, listed by key id", async () => {
      const { a, b } = await open();
      expect(await a.getInstallation("slack", "T1")).toBeUndefined();
      await a.saveInstallation(installation("T1"));
      await a.saveInstallation(installation("T2", { enterpriseId: "E1", keyId: "k2" }));
      expect(await b.getInstallation("slack", "T1")).toEqual(installation("T1"));
      await b.saveInstallation(installation("T1", { sealed: "v1.newer", botUserId: "UB2", updatedAt: "2025-02-01T00:00:00.000Z" }));
      expect(await a.getInstallation("slack", "T1")).toMatchObject({ sealed: "v1.newer", botUserId: "UB2", installedAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-02-01T00:00:00.000Z" });
      expect(await a.getInstallation("slack", "T2")).toMatchObject({ enterpriseId: "E1" });
      expect(await a.installationKeyIds("slack")).toEqual(["k1", "k2"]);
    });

    it("removal pauses that workspace's digests and quick answers with the reason, once, in either order", async () => {
      const { a, b } = await open();
      await a.saveInstallation(installation("T1"));
      await a.saveInstallation(installation("T2"));
      for (const key of [T1, T1_OTHER, T2]) await a.saveDigestSubscription(key, SCHEDULE, "U1", at("2025-01-01T00:00:00Z"), "created");
      await a.setAutoanswer(T1, true, "U1", at("2025-01-01T00:00:00Z"));
      await a.setAutoanswer(T1_OTHER, false, "U1", at("2025-01-01T00:00:00Z"));
      await a.setAutoanswer(T2, true, "U1", at("2025-01-01T00:00:00Z"));

      const first = await a.removeInstallation("slack", "T1", "tokens_revoked", at("2025-03-01T00:00:00Z"));
      expect(first).toEqual({ removed: true, digestsPaused: 2, quickAnswersPaused: 1 });
      const again = await b.removeInstallation("slack", "T1", "app_uninstalled", at("2025-03-01T00:00:01Z"));
      expect(again).toEqual({ removed: false, digestsPaused: 0, quickAnswersPaused: 0 });

      expect(await b.getInstallation("slack", "T1")).toBeUndefined();
      const reason = REMOVAL_REASONS.tokens_revoked;
      expect(await b.getDigestSubscription(T1)).toMatchObject({ pausedReason: reason, pausedAt: "2025-03-01T00:00:00.000Z" });
      expect(await b.getDigestSubscription(T1_OTHER)).toMatchObject({ pausedReason: reason });
      expect(await b.getChannelSettings(T1)).toMatchObject({ autoanswer: true, pausedReason: reason });
      // a channel with quick answers off has nothing to pause
      expect((await b.getChannelSettings(T1_OTHER))?.pausedReason).toBeUndefined();
      // the other workspace is untouched
      expect(await b.getInstallation("slack", "T2")).toBeDefined();
      expect((await b.getDigestSubscription(T2))?.pausedReason).toBeUndefined();
      expect((await b.getChannelSettings(T2))?.pausedReason).toBeUndefined();
      expect((await b.digestAudit(T1)).map((x) => [x.action, x.actor, x.detail])).toEqual([["subscribe", "U1", "created"], ["pause", "system", reason]]);
    });

    it("two removals at once on two connections pause once", async () => {
      const { a, b } = await open();
      await a.saveInstallation(installation("T1"));
      await a.saveDigestSubscription(T1, SCHEDULE, "U1", at("2025-01-01T00:00:00Z"), "created");
      const results = await Promise.all([
        a.removeInstallation("slack", "T1", "app_uninstalled", at("2025-03-01T00:00:00Z")),
        b.removeInstallation("slack", "T1", "tokens_revoked", at("2025-03-01T00:00:00Z")),
      ]);
      expect(results.filter((r) => r.removed)).toHaveLength(1);
      expect(results.reduce((n, r) => n + r.digestsPaused, 0)).toBe(1);
      expect((await a.digestAudit(T1)).filter((x) => x.action === "pause")).toHaveLength(1);
    });

    it("a reinstall resumes what the removal paused, not a dead channel's pause; autoanswer on also clears it", async () => {
      const { a, b } = await open();
      await a.saveInstallation(installation("T1"));
      await a.saveDigestSubscription(T1, SCHEDULE, "U1", at("2025-01-01T00:00:00Z"), "created");
      await a.saveDigestSubscription(T1_OTHER, SCHEDULE, "U1", at("2025-01-01T00:00:00Z"), "created");
      await a.pauseDigestSubscription(T1_OTHER, "channel_not_found", "system", at("2025-01-02T00:00:00Z"));
      await a.setAutoanswer(T1, true, "U1", at("2025-01-01T00:00:00Z"));
      await a.removeInstallation("slack", "T1", "app_uninstalled", at("2025-03-01T00:00:00Z"));

      await b.saveInstallation(installation("T1", { updatedAt: "2025-04-01T00:00:00.000Z" }));
      expect((await a.getDigestSubscription(T1))?.pausedReason).toBeUndefined();
      expect((await a.getDigestSubscription(T1_OTHER))?.pausedReason).toBe("channel_not_found");
      expect((await a.getChannelSettings(T1))?.pausedReason).toBeUndefined();
      expect((await a.digestAudit(T1)).map((x) => x.action)).toEqual(["subscribe", "pause", "resume"]);

      await a.removeInstallation("slack", "T1", "app_uninstalled", at("2025-05-01T00:00:00Z"));
      await b.setAutoanswer(T1, true, "U2", at("2025-05-02T00:00:00Z"));
      expect(await a.getChannelSettings(T1)).toEqual({ ...T1, autoanswer: true, updatedBy: "U2", updatedAt: "2025-05-02T00:00:00.000Z" });
    });
  });
}
