// Imported first by src/main.ts, so it runs before any other module of the app is evaluated: a SIGHUP that arrives
// while the knowledge base loads or storage opens is queued (Node's default for an unhandled SIGHUP is to exit with
// 129), and the reload runs once main says how (several queued SIGHUPs make one reload).
let reload: (() => void) | undefined;
let queued = false;

process.on("SIGHUP", () => {
  if (reload) reload();
  else queued = true;
});

/** Sets what SIGHUP does from now on; a SIGHUP that came earlier runs it right away. */
export function onReload(fn: () => void): void {
  reload = fn;
  if (queued) {
    queued = false;
    fn();
  }
}
