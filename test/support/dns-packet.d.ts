// What dns-packet's decode returns and its typings (@types/dns-packet) leave out: the response code, and
// `data` on every answer (the tests read it from answers of any type).
import "dns-packet";

declare module "dns-packet" {
  interface DecodedPacket {
    rcode: string;
  }
  interface GenericAnswer<T> {
    data?: any;
  }
}
