// vega-lite patches Set.prototype.toJSON when it loads, and discord.js's event emitter (node-inspect-extracted)
// then fails to load in the same process ("string "Set()" is not iterable"). The app keeps them apart: charts
// render in a worker thread (src/chart/worker-client.ts). Test files share a worker process (isolate: false), so
// discord.js is loaded first in each, before a chart test can load vega-lite.
import "discord.js";
