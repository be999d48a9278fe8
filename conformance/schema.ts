/**
 * Validation of the server's answers against Azure's REST description of Private DNS (Swagger 2.0,
 * reference/azure-rest-api-specs/privatedns/2024-06-01/privatedns.json) with ajv. An answer is outside the
 * description when its status is not one the operation declares (nor `default`), or its body does not match the
 * declared schema. The description's schemas are made strict before compiling: `allOf` is flattened and objects
 * get `additionalProperties: false`, so a field the description does not have is a violation too (as oav reports
 * it). Answers of paths the description does not cover (resource groups, vnets, operation polls) are counted apart.
 */
import Ajv, { ValidateFunction } from "ajv";
import * as fs from "fs";
import * as path from "path";

export const SPEC_DIR = path.join(__dirname, "..", "..", "reference", "azure-rest-api-specs", "privatedns", "2024-06-01");

interface Operation { method: string; pattern: RegExp; template: string; responses: Record<string, { schema?: unknown }>; operationId: string }

export interface Validation { described: boolean; violations: string[]; operationId?: string }

type Schema = Record<string, any>;

/** Merges `allOf` into one object schema and closes it, recursively over properties and items. */
function strict(schema: Schema, defs: Record<string, Schema>, seen = new Set<string>()): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace("#/definitions/", "");
    if (seen.has(name)) return {};
    return strict(defs[name], defs, new Set([...seen, name]));
  }
  const out: Schema = { ...schema };
  delete out.allOf;
  let properties: Record<string, Schema> = { ...(schema.properties ?? {}) };
  let required: string[] = [...(schema.required ?? [])];
  for (const part of schema.allOf ?? []) {
    const p = strict(part, defs, seen);
    properties = { ...p.properties, ...properties };
    required = [...required, ...(p.required ?? [])];
  }
  if (Object.keys(properties).length) {
    out.type = out.type ?? "object";
    out.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, strict(v, defs, seen)]));
    // Types the description marks external (CloudError) are defined elsewhere: left open.
    if (out.additionalProperties === undefined && !schema["x-ms-external"]) out.additionalProperties = false;
  }
  if (required.length) out.required = [...new Set(required)];
  if (schema.items) out.items = strict(schema.items, defs, seen);
  if (schema.additionalProperties && typeof schema.additionalProperties === "object")
    out.additionalProperties = strict(schema.additionalProperties, defs, seen);
  for (const k of Object.keys(out)) if (k.startsWith("x-ms-") || k === "readOnly" || k === "discriminator") delete out[k];
  return out;
}

export class DescriptionValidator {
  private readonly operations: Operation[] = [];
  private readonly ajv = new Ajv({ strict: false, allErrors: false, formats: { int32: true, int64: true, "date-time": true, uuid: true } as any });
  private readonly compiled = new Map<unknown, ValidateFunction>();
  readonly counts = { validated: 0, undescribed: 0, violations: 0 };
  readonly violations: string[] = [];

  constructor(file = path.join(SPEC_DIR, "privatedns.json")) {
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const [template, item] of Object.entries<any>(doc.paths)) {
      const pattern = new RegExp("^" + template.replace(/\{[^}]+\}/g, "[^/]+").replace(/\//g, "\\/") + "$", "i");
      for (const [method, op] of Object.entries<any>(item)) {
        if (method === "parameters") continue;
        const responses = Object.fromEntries(Object.entries<any>(op.responses).map(([status, r]) =>
          [status, { schema: r.schema ? strict(r.schema, doc.definitions) : undefined }]));
        this.operations.push({ method: method.toUpperCase(), pattern, template, responses, operationId: op.operationId });
      }
    }
    // Literal paths (…/ALL) before templates that would also match them (…/{recordType}).
    const params = (o: Operation) => o.template.match(/\{/g)?.length ?? 0;
    this.operations.sort((a, b) => params(a) - params(b));
  }

  validate(method: string, urlPath: string, status: number, body: unknown): Validation {
    const op = this.operations.find((o) => o.method === method && o.pattern.test(urlPath));
    if (!op) {
      this.counts.undescribed++;
      return { described: false, violations: [] };
    }
    this.counts.validated++;
    const declared = op.responses[String(status)] ?? (status >= 400 ? op.responses.default : undefined);
    const violations: string[] = [];
    if (!declared) violations.push(`${op.operationId}: status ${status} is not declared`);
    else if (declared.schema && body !== undefined) {
      let check = this.compiled.get(declared.schema);
      if (!check) this.compiled.set(declared.schema, (check = this.ajv.compile(declared.schema as object)));
      if (!check(body)) violations.push(`${op.operationId} ${status}: ${this.ajv.errorsText(check.errors)}`);
    }
    this.counts.violations += violations.length;
    this.violations.push(...violations.map((v) => `${method} ${urlPath}: ${v}`));
    return { described: true, violations, operationId: op.operationId };
  }
}
