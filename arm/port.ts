/** Apart from the server so that `privatedns` can print its help without loading the server (see cli/commands/serveArm.ts). */
export const DEFAULT_ARM_PORT = 8443;
