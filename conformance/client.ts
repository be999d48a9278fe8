/** The replay's HTTP client: real requests to the server under test, each answer validated against the description. */
import { DescriptionValidator } from "./schema";

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

export class Client {
  constructor(readonly base: string, readonly validator: DescriptionValidator) {}

  async send(method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const url = pathAndQuery.startsWith("http") ? pathAndQuery : `${this.base}${pathAndQuery}`;
    const res = await fetch(url, {
      method, body: body === undefined || body === null ? undefined : JSON.stringify(body),
      headers: { Authorization: "Bearer conformance", "Content-Type": "application/json", ...headers },
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    this.validator.validate(method, new URL(url).pathname, res.status, parsed);
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** Follows an Azure-AsyncOperation URL until it is no longer InProgress (bounded). */
  async poll(url: string): Promise<Answer> {
    for (let i = 0; i < 50; i++) {
      const a = await this.send("GET", url);
      if (a.status !== 202) return a;
    }
    throw new Error(`operation ${url} still InProgress after 50 polls`);
  }
}
