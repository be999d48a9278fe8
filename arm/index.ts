/** `pulumi-privatedns-emulator/arm`: the ARM-compatible endpoint (serve-arm). */
export { startArmServer, ArmServer, ArmServerOptions, DEFAULT_ARM_PORT } from "./server";
