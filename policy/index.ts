// The CrossGuard policy pack: `pulumi preview --policy-pack ./policy`. The policies are the package's
// (`pulumi-privatedns-emulator/policy`, policy/guard.ts); `privatedns policy init DIR` writes this same pack.
import { PrivateDnsGuard } from "pulumi-privatedns-emulator/policy";

new PrivateDnsGuard();
