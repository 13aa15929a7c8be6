// Cold start: spawn `node --import tsx bench/cold-start.ts` (as the npm scripts run the app) and time process start → first answer ready.
import { spawn } from "node:child_process";

export interface ColdStart {
  /** median over the runs, spawn of `node --import tsx …` → the ready line */
  cold_start_ms: number;
  /** median of the child's own clock at ready (node start → ready, without npx/tsx launcher overhead) */
  in_process_ms: number;
  runs: number[];
}

function once(): Promise<{ wall: number; inProcess: number }> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "bench/cold-start.ts"], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_OPTIONS: "" } });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) {
        const wall = performance.now() - t0;
        const line = JSON.parse(out.split("\n")[0]!) as { in_process_ms: number };
        resolvePromise({ wall, inProcess: line.in_process_ms });
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => (code && !out ? reject(new Error(`cold start child exited with ${code}`)) : undefined));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function coldStart(runs: number): Promise<ColdStart> {
  await once(); // warms the OS file cache and tsx's transform cache, as any second start would have
  const results: { wall: number; inProcess: number }[] = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  return { cold_start_ms: Math.round(median(results.map((r) => r.wall))), in_process_ms: Math.round(median(results.map((r) => r.inProcess))), runs: results.map((r) => Math.round(r.wall)) };
}
