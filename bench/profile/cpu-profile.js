// Preloaded (`NODE_OPTIONS=--require bench/profile/cpu-profile.js`, CPU_PROFILE_DIR=<dir>) into a process the
// benches start, to profile it as `--cpu-prof` would: Node 20 does not allow --cpu-prof in NODE_OPTIONS, and
// the hosts are ended with SIGTERM, on which --cpu-prof writes nothing. Writes <dir>/<pid>.cpuprofile.
const fs = require("fs");
const inspector = require("inspector");
const path = require("path");

const dir = process.env.CPU_PROFILE_DIR || ".";
const session = new inspector.Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 200 });
session.post("Profiler.start");

let written = false;
function write() {
  if (written) return;
  written = true;
  // With a connected session, post's callback runs synchronously.
  session.post("Profiler.stop", (err, res) => {
    if (!err) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(res.profile));
  });
}
process.on("SIGTERM", () => { write(); process.exit(0); });
process.on("exit", write);
