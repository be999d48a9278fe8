#!/usr/bin/env node
// Builds dns/native/udp-batch.cc into dist/dns/native/udp-batch.node (part of `npm run build`). An N-API addon
// needs no node-gyp: the headers come with Node (`<prefix>/include/node`), the symbols from the running node.
// Where it cannot be built (not Linux, no g++, no headers) the DNS server uses Node's dgram: the same answers,
// at a higher cost per datagram (dns/udp.ts). PRIVATEDNS_NO_NATIVE=1 skips the build.
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const source = path.join(root, "dns/native/udp-batch.cc");
const target = path.join(root, "dist/dns/native/udp-batch.node");
const include = path.resolve(process.execPath, "../../include/node");

function skip(why) {
  fs.rmSync(target, { force: true }); // never a stale addon from an earlier build
  console.log(`build-native: skipped (${why}); the DNS server's UDP uses Node's dgram`);
}

function upToDate() {
  const mtime = (f) => fs.statSync(f).mtimeMs;
  return fs.existsSync(target) && mtime(target) > Math.max(mtime(source), mtime(__filename));
}

if (process.env.PRIVATEDNS_NO_NATIVE === "1") skip("PRIVATEDNS_NO_NATIVE=1");
else if (process.platform !== "linux") skip(`recvmmsg/sendmmsg are Linux's, this is ${process.platform}`);
else if (!fs.existsSync(path.join(include, "node_api.h"))) skip(`no Node headers at ${include}`);
else if (spawnSync("g++", ["--version"]).status !== 0) skip("no g++");
else if (upToDate()) {
  // built from this source by this script already (the test run's global setup calls this every run)
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const r = spawnSync("g++", ["-O2", "-shared", "-fPIC", "-std=c++17", "-Wall", "-Wextra", "-Wno-unused-parameter",
    "-DNODE_GYP_MODULE_NAME=udp_batch", `-I${include}`, source, "-o", target], { stdio: "inherit" });
  if (r.status !== 0) {
    fs.rmSync(target, { force: true });
    console.error("build-native: g++ failed (above)");
    process.exit(1); // a compiler that is there but fails is a broken build, not a platform without it
  }
}
