// Dynamic-provider handlers: thin adapters from Pulumi's calls to the emulator.
export {};
