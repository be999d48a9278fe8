/** ARM path templates shared by the modules, written once. */
export const SUB = "/subscriptions/{subscriptionId}";
export const RG = `${SUB}/resourceGroups/{resourceGroupName}`;
export const NETWORK = `${RG}/providers/Microsoft.Network`;
export const ZONE = `${NETWORK}/privateDnsZones/{privateZoneName}`;
