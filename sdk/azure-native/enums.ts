/**
 * azure-native's enum objects (`azure_native.compute.CachingTypes.ReadWrite`), which programs use as values. The
 * emulator does not know every member: each of these answers any member with its own name, which is the value
 * azure-native gives the members used here (`Standard_D2s_v3`, `ReadWrite`, `FromImage`, `Premium_LRS`, ...).
 */
export type EnumObject = Readonly<Record<string, string>>;

export const enumObject = (): EnumObject =>
  new Proxy({}, { get: (_t, key) => (typeof key === "string" ? key : undefined) }) as EnumObject;
