// CLI-like progress text and diagnostics. The operation's stdout is built here, streamed to `onOutput`
// as it grows, and the "Diagnostics:" block is what a failed operation's error message carries.
import type { OpMap, OpType } from "@pulumi/pulumi/automation";

import { isSecret, unwrapSecrets } from "./values";

export type Severity = "debug" | "info" | "info#err" | "warning" | "error";

export interface Diagnostic {
  urn?: string;
  severity: Severity;
  message: string;
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>` ⇒ last type segment and name. */
export function parseUrn(urn: string): { type: string; name: string; qualifiedType: string } {
  const parts = urn.split("::");
  const qualifiedType = parts[2] ?? "";
  return { qualifiedType, type: qualifiedType.split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

const symbols: Partial<Record<OpType, string>> = {
  create: "+ ",
  update: "~ ",
  delete: "- ",
  replace: "+-",
  "create-replacement": "++",
  "delete-replaced": "--",
  refresh: "~ ",
  read: "> ",
};

const pastTense: Partial<Record<OpType, string>> = {
  create: "created",
  update: "updated",
  delete: "deleted",
  replace: "replaced",
  "create-replacement": "created replacement",
  "delete-replaced": "deleted original",
  read: "read",
  refresh: "refreshed",
};

export class Display {
  private out = "";
  private err = "";
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly onOutput?: (s: string) => void,
    private readonly onError?: (s: string) => void,
  ) {}

  get stdout(): string {
    return this.out;
  }
  get stderr(): string {
    return this.err;
  }

  write(s: string): void {
    this.out += s;
    this.onOutput?.(s);
  }

  writeErr(s: string): void {
    this.err += s;
    this.onError?.(s);
  }

  line(s = ""): void {
    this.write(s + "\n");
  }

  /** One resource operation; `done` selects the past tense used while applying. */
  step(op: OpType, urn: string, done: boolean): void {
    if (op === "same") return; // like the CLI without --show-sames
    const { type, name } = parseUrn(urn);
    const sym = symbols[op] ?? "  ";
    this.line(` ${sym} ${type} ${name} ${done ? pastTense[op] ?? op : op}`);
  }

  diag(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  errors(): Diagnostic[] {
    return this.diagnostics.filter((d) => d.severity === "error");
  }

  /** The "Diagnostics:" block, grouped by resource, as the CLI prints it at the end of an operation. */
  formatDiagnostics(): string {
    const shown = this.diagnostics.filter((d) => d.severity !== "debug");
    if (shown.length === 0) return "";
    const groups = new Map<string, Diagnostic[]>();
    for (const d of shown) {
      const key = d.urn ?? "";
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    let s = "Diagnostics:\n";
    for (const [urn, ds] of groups) {
      const { type, name } = parseUrn(urn);
      s += urn ? `  ${type} (${name}):\n` : "";
      for (const d of ds) {
        const prefix = d.severity === "error" ? "error: " : d.severity === "warning" ? "warning: " : "";
        const lines = (prefix + d.message).replace(/\n+$/, "").split("\n");
        s += lines.map((l) => `    ${l}`).join("\n") + "\n";
      }
      s += "\n";
    }
    return s;
  }

  /** The "Resources:" block: preview wording ("to create") or applied wording ("created"). */
  formatSummary(changes: OpMap, preview: boolean): string {
    const rows: [OpType, string, string, string][] = [
      ["create", "+", "to create", "created"],
      ["update", "~", "to update", "updated"],
      ["delete", "-", "to delete", "deleted"],
      ["replace", "+-", "to replace", "replaced"],
    ];
    let s = "Resources:\n";
    for (const [op, sym, future, past] of rows) {
      const n = changes[op];
      if (n) s += `    ${sym} ${n} ${preview ? future : past}\n`;
    }
    if (changes.same) s += `    ${changes.same} unchanged\n`;
    return s;
  }

  formatOutputs(outputs: Record<string, any>): string {
    const keys = Object.keys(outputs);
    if (keys.length === 0) return "";
    let s = "Outputs:\n";
    for (const k of keys) {
      const v = outputs[k];
      s += `    ${k}: ${isSecret(v) ? "[secret]" : JSON.stringify(unwrapSecrets(v))}\n`;
    }
    return s + "\n";
  }
}
