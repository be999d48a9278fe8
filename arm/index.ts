/** `pulumi-privatedns-emulator/arm`: the ARM-compatible endpoint (serve-arm). */
export { startArmServer, ArmServer, ArmServerOptions } from "./server";
export { DEFAULT_ARM_PORT } from "./port";
