/** Cases that fail on purpose, each with why it is left: a failing case without an entry here is a regression. */
export const LEFT: Record<string, string> = {
  PatchLink_DisableRegistration_ExpectRegistrationDisabled:
    "Azure answered virtualNetworkLinkState InProgress for a while after the registration link was made (a transient "
    + "state; PutLink_LinkNotExistsWithRegistration_ExpectLinkCreated shows Completed at once); the emulator completes "
    + "links at once (SPEC L8).",
  RecordSetALLList:
    "the example's ALL list leaves out the zone's SOA; Azure lists it (recorded: ListRecordSetsAcrossType_DefaultRecordSetPresent_"
    + "ExpectDefaultRecordSetRetrieved, Private_Dns_Zone6_Import) and the recording wins.",
  VirtualNetworkLinkList:
    "the example links one vnet to one zone twice (virtualNetworkLink1 and 2 name the same vnet), which Azure refuses (SPEC L5).",
};
