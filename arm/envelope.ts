/**
 * EmulatorError → ARM's wire. Azure's envelope is `{"error": {"code", "message"}}`; record-set errors of the
 * DNS data plane come unwrapped (`{"code", "message"}`, recorded: add_record_when_record_set_is_empty,
 * PutRecordSet_IfNoneMatchFailure_ExpectError). `target` (the request's field) is given for BadRequest only,
 * where it names what to fix; the recorded 404 and 412 bodies have none.
 */
import { EmulatorError, isEmulatorError } from "../provider/emulator";
import { ArmResponse, json } from "./http";

export type ErrorStyle = "wrapped" | "bare";

export function errorBody(e: EmulatorError, style: ErrorStyle = "wrapped") {
  const inner: Record<string, string> = { code: e.code, message: e.detail };
  if (e.code === "BadRequest" && e.field) inner.target = e.field;
  return style === "bare" ? inner : { error: inner };
}

export const errorResponse = (e: EmulatorError, style: ErrorStyle = "wrapped"): ArmResponse => json(e.status, errorBody(e, style));

/** Anything that is not an EmulatorError is the emulator's own fault: 500 in Azure's envelope, never a crash. */
export function failure(e: unknown): ArmResponse {
  if (isEmulatorError(e)) return errorResponse(e);
  return json(500, { error: { code: "InternalServerError", message: `The emulator failed: ${(e as Error)?.message ?? String(e)}` } });
}
