/**
 * Long-running operations as Azure's Private DNS answers them (INDEX §1): zone and link PUT/PATCH/DELETE answer
 * 202 with `Azure-AsyncOperation` (…/privateDnsOperationStatuses/<token>) and `Location`
 * (…/privateDnsOperationResults/<token>); the status poll answers 202 `{"status":"InProgress"}` (as many times as
 * the server is told to, 0 by default), then 200 `{"status":"Succeeded"}` or 200 with
 * `{"error": {...}, "status":"Failed"}`. The emulator applies the write at once; only its outcome is reported
 * through the poll. Refusals of the request itself (bad input, something missing) are answered at once, the way
 * ARM's front end answers them; refusals of the write (preconditions, conflicts, quotas) come through the poll,
 * as recorded (PutZone_ZoneExistsIfNoneMatchFailure_ExpectError).
 */
import { randomUUID } from "crypto";
import { EMULATED_SUBSCRIPTION } from "../provider/emulator/ids";
import { EmulatorError, isEmulatorError } from "../provider/emulator";
import { errorBody, errorResponse } from "./envelope";
import { at, errors as E } from "../provider/emulator";
import { ArmRequest, ArmResponse, Context, Handler, json } from "./http";

/** Codes ARM answers on the request itself rather than in the operation status. */
const SYNCHRONOUS = new Set(["BadRequest", "NotFound", "ResourceNotFound", "ParentResourceNotFound", "ResourceGroupNotFound",
  "InvalidRequestContent", "InvalidResourceType", "NoRegisteredProviderFound", "MissingApiVersionParameter", "AuthenticationFailed"]);

export type OperationKind = "UpsertPrivateDnsZone" | "DeletePrivateDnsZone" | "UpsertVirtualNetworkLink" | "DeleteVirtualNetworkLink"
  | "UpsertVirtualNetwork" | "DeleteVirtualNetwork" | "DeleteResourceGroup" | "UpsertSubnet" | "DeleteSubnet"
  | "UpsertNetworkInterface" | "DeleteNetworkInterface" | "UpsertVirtualMachine" | "DeleteVirtualMachine"
  | "StartVirtualMachine" | "DeallocateVirtualMachine" | "PowerOffVirtualMachine"
  | "UpsertPrivateEndpoint" | "DeletePrivateEndpoint" | "UpsertPrivateDnsZoneGroup" | "DeletePrivateDnsZoneGroup";

interface Operation {
  status: "Succeeded" | "Failed";
  error?: { code: string; message: string };
  /** What the result resource (`Location`) answers once done. */
  result: ArmResponse;
  /** InProgress answers still to give before the outcome. */
  pending: number;
}

/** The status and result URLs (paths) of an operation's token. */
export type PollUrls = (token: string) => { status: string; result: string };

export interface LroOptions {
  /** How many polls answer InProgress before the outcome (default 0). */
  inProgressPolls?: number;
  /** The Retry-After seconds handed to pollers (default 1). */
  retryAfterSeconds?: number;
}

/** Operations remembered for polling; the oldest are forgotten first (a poller asks within seconds). */
const KEPT = 10_000;

export class Operations {
  private readonly ops = new Map<string, Operation>();

  constructor(private readonly options: LroOptions = {}) {}

  /**
   * Runs `write` and answers 202 with the poll headers; its outcome goes to the operation. `urls` turns the token
   * into the poll URLs (the Private DNS ones, scoped to the resource group, for zones and links).
   */
  start(req: ArmRequest, kind: OperationKind, write: () => ArmResponse, urls: PollUrls, accepted: { body: boolean } = { body: true }): ArmResponse {
    let op: Operation;
    const pending = this.options.inProgressPolls ?? 0;
    try {
      op = { status: "Succeeded", result: write(), pending };
    } catch (e) {
      if (!isEmulatorError(e)) throw e;
      if (SYNCHRONOUS.has(e.code)) return errorResponse(e);
      op = { status: "Failed", error: (errorBody(e as EmulatorError) as { error: { code: string; message: string } }).error, result: errorResponse(e), pending };
    }
    // The 202 of a PUT or PATCH carries `{}`, that of a DELETE nothing (INDEX §1).
    return json(202, accepted.body ? {} : undefined, this.headers(req, urls(this.add(kind, op))));
  }

  /**
   * A write answered at once (Network's vnet PUT: 201 with the resource) that still hands out an operation to poll,
   * already Succeeded: the answer gets its Azure-AsyncOperation header.
   */
  answered(req: ArmRequest, kind: OperationKind, answer: ArmResponse, urls: PollUrls): ArmResponse {
    const token = this.add(kind, { status: "Succeeded", result: answer, pending: 0 });
    return { ...answer, headers: { ...answer.headers, "Azure-AsyncOperation": this.headers(req, urls(token))["Azure-AsyncOperation"] } };
  }

  /** The token reads like Azure's (base64 of FrontEndAsyncOperation;<kind>;<guid>_<subscription>); clients treat it as opaque. */
  private add(kind: OperationKind, op: Operation): string {
    const token = Buffer.from(`FrontEndAsyncOperation;${kind};${randomUUID()}_${EMULATED_SUBSCRIPTION}`).toString("base64");
    this.ops.set(token, op);
    if (this.ops.size > KEPT) this.ops.delete(this.ops.keys().next().value!);
    return token;
  }

  private headers(req: ArmRequest, urls: { status: string; result: string }): Record<string, string> {
    const q = `?api-version=${encodeURIComponent(req.apiVersion)}`;
    return {
      "Azure-AsyncOperation": `${req.origin}${urls.status}${q}`,
      Location: `${req.origin}${urls.result}${q}`,
      "Retry-After": String(this.options.retryAfterSeconds ?? 1),
    };
  }

  /** The status poll: InProgress while pending, then the outcome. Unknown tokens answer undefined (404 upstream). */
  status(req: ArmRequest, token: string, urls: PollUrls): ArmResponse | undefined {
    const op = this.ops.get(token);
    if (!op) return undefined;
    if (op.pending > 0) {
      op.pending--;
      return json(202, { status: "InProgress" }, this.headers(req, urls(token)));
    }
    return json(200, op.error ? { error: op.error, status: "Failed" } : { status: op.status });
  }

  /** The result resource (`Location`): 202 while in progress, then what the write answered. */
  result(req: ArmRequest, token: string, urls: PollUrls): ArmResponse | undefined {
    const op = this.ops.get(token);
    if (!op) return undefined;
    if (op.pending > 0) {
      op.pending--;
      return json(202, undefined, this.headers(req, urls(token)));
    }
    return op.result;
  }
}

/** The Private DNS poll URLs of a resource group (as recorded: …/resourceGroups/<rg>/providers/Microsoft.Network/…). */
export const privateDnsPollUrls = (resourceGroup: string): PollUrls => (token: string) => {
  const base = `/subscriptions/${EMULATED_SUBSCRIPTION}/resourceGroups/${resourceGroup}/providers/Microsoft.Network`;
  return { status: `${base}/privateDnsOperationStatuses/${token}`, result: `${base}/privateDnsOperationResults/${token}` };
};

/** The handler of a poll route: the operation's status or result, ARM's 404 for a token this server never gave. */
export function pollHandler(kind: "status" | "result", urls: (ctx: Context) => PollUrls): Handler {
  return (ctx) => {
    const answer = ctx.ops[kind](ctx.req, ctx.params.operationId, urls(ctx));
    if (answer) return answer;
    throw E.pathNotFound(at(ctx.req.path, "", ctx.req.path));
  };
}
