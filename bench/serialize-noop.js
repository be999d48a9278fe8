// Prints a no-op dynamic provider serialized by Pulumi's own serializer: the baseline of bench (a).
const serializeClosure = require("@pulumi/pulumi/runtime/closure/serializeClosure");
const noop = {
  async check(olds, news) { return { inputs: news, failures: [] }; },
  async diff() { return { changes: false }; },
  async create(inputs) { return { id: `noop-${inputs.n}`, outs: inputs }; },
  async update(id, olds, news) { return { outs: news }; },
  async delete() {},
};
serializeClosure.serializeFunction(() => noop, { allowSecrets: true }).then((f) => process.stdout.write(f.text));
