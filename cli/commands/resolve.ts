/** `privatedns resolve --vnet V NAME [TYPE]`: what a VM in vnet V gets from Azure DNS, printed like dig. */
import { Command, COMMON_HELP, json, str } from "../command";
import { EXIT, usageError } from "../exit";
import { openStore, vnetRef } from "../store";
import { digText } from "../presentation";

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export const resolve: Command = {
  name: "resolve",
  summary: "resolve a name as a VM in a vnet would (dig-like output)",
  help: `Usage: privatedns resolve --vnet VNET NAME [TYPE] [--json]
       privatedns resolve --vnet VNET -x IPV4 [--json]

Resolves NAME (type A unless TYPE is given: A, AAAA, CNAME, MX, PTR, SOA, SRV, TXT) as a VM inside VNET
sees it through Azure DNS (Q1-Q5), and prints it like dig: the status line (NOERROR, NXDOMAIN or
REFUSED), the question, the answer section and the authority section (the zone's SOA for NXDOMAIN and
NODATA). For a reverse lookup give the in-addr.arpa name, or an IPv4 address with type PTR, or -x IPV4.
  --vnet VNET         NAME, RG/NAME or ARM id; a NAME found in two resource groups is an error naming both
  -x, --reverse IPV4  reverse lookup (PTR of <reversed ip>.in-addr.arpa), as dig -x
With --json: the emulator's resolution { rcode, zone, answers, authority }.

Exit codes: 0 NOERROR (also NODATA), 3 NXDOMAIN or REFUSED, 1 unknown vnet or type, 2 usage error.

${COMMON_HELP}`,
  options: { vnet: { type: "string" }, reverse: { type: "string", short: "x" } },
  positionals: [0, 2],
  run({ values, positionals, db, json: asJson, io }) {
    const vnetText = str(values.vnet);
    if (vnetText === undefined) throw usageError("resolve: --vnet VNET is required");
    const reverse = str(values.reverse);
    if (reverse !== undefined && positionals.length > 0) throw usageError("resolve: give either NAME [TYPE] or -x IPV4");
    if (reverse === undefined && positionals.length === 0) throw usageError("resolve: missing NAME (see 'privatedns resolve --help')");
    if (reverse !== undefined && !IPV4.test(reverse)) throw usageError(`resolve: -x takes an IPv4 address, not '${reverse}'`);
    let [name, type = "A"] = reverse !== undefined ? [reverse, "PTR"] : positionals;
    // An IPv4 address asked as PTR means its reverse name (as dig -x does).
    if (IPV4.test(name) && type.toUpperCase() === "PTR")
      name = `${name.split(".").reverse().join(".")}.in-addr.arpa`;
    const emu = openStore(db);
    try {
      const vnetId = vnetRef(emu, vnetText);
      const r = emu.resolve(vnetId, name, type);
      io.out(asJson ? json(r) : digText(r, name, type, vnetId));
      return r.rcode === "NOERROR" ? EXIT.OK : EXIT.NOT_RESOLVED;
    } finally {
      emu.close();
    }
  },
};
