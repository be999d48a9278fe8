// The Pulumi resource classes (Zone, Vnet, VnetLink, Vm, RecordSet) are exported from here.
export {};
