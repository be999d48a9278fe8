/** Apart from the server so that `privatedns` can print its help without loading the server (see cli/commands/serve.ts). */
export const DEFAULT_DNS_PORT = 5353;
