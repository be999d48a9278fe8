/**
 * The one error class of the emulator (SPEC E): an Azure-style `code`, the SPEC `rule` id, the resource
 * concerned and the offending value. Every refusal is one of these, thrown before anything is written
 * (operations run in one transaction, so a throw rolls everything back).
 */
export type ErrorCode =
  | "BadRequest"
  | "Conflict"
  | "ResourceNotFound"
  | "ParentResourceNotFound"
  | "CannotDeleteResource"
  | "PreconditionFailed"
  | "QuotaExceeded";

export class EmulatorError extends Error {
  readonly code: ErrorCode;
  readonly rule: string;
  readonly resource: string;
  readonly value: unknown;

  constructor(code: ErrorCode, rule: string, resource: string, value: unknown, message: string) {
    // E: every refusal names the offending value; when the Azure-style text does not, the message adds it
    // (`detail` keeps the Azure text alone).
    const shown = valueText(value);
    super(`${code} (${rule}) ${resource}: ${message}${shown === undefined || message.includes(shown) ? "" : ` (value: ${shown})`}`);
    this.name = "EmulatorError";
    this.code = code;
    this.rule = rule;
    this.resource = resource;
    this.value = value;
    /** The Azure-style message alone, without the code/rule/resource prefix. */
    this.detail = message;
  }

  readonly detail: string;

  toJSON() {
    return { code: this.code, rule: this.rule, resource: this.resource, value: this.value, message: this.detail };
  }
}

function valueText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function isEmulatorError(e: unknown): e is EmulatorError {
  return e instanceof EmulatorError || (typeof e === "object" && e !== null && (e as any).name === "EmulatorError");
}

export const badRequest = (rule: string, resource: string, value: unknown, message: string) =>
  new EmulatorError("BadRequest", rule, resource, value, message);
export const conflict = (rule: string, resource: string, value: unknown, message: string) =>
  new EmulatorError("Conflict", rule, resource, value, message);

/**
 * A value as text for a message. String() throws for objects whose toString is not a function (valid JSON such as
 * `{"toString": 1}`): a refusal must never turn into a TypeError while it is being worded (found by the fuzz tests).
 */
export function text(v: unknown): string {
  try {
    return String(v);
  } catch {
    try {
      return JSON.stringify(v) ?? Object.prototype.toString.call(v);
    } catch {
      return Object.prototype.toString.call(v);
    }
  }
}
