/** One server-sent event: its name and its parsed JSON data. */
export interface StreamEvent {
  event: string;
  data: any;
}

/**
 * Reads the control API's server-sent events (`GET /control/events`) from a fetch response, one
 * `event:` + `data:` block at a time.
 */
export class EventStreamReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = '';

  constructor(response: Response) {
    if (!response.body) throw new Error('the response has no body to read events from');
    this.#reader = response.body.getReader();
  }

  /** Reads until `count` events that pass `keep` arrived (others are dropped); returns those. */
  async read(
    count: number,
    keep: (e: StreamEvent) => boolean = () => true,
  ): Promise<StreamEvent[]> {
    const events: StreamEvent[] = [];
    while (events.length < count) {
      const at = this.#buffer.indexOf('\n\n');
      if (at < 0) {
        const { value, done } = await this.#reader.read();
        if (done) throw new Error('event stream ended early');
        this.#buffer += this.#decoder.decode(value, { stream: true });
        continue;
      }
      const block = this.#buffer.slice(0, at);
      this.#buffer = this.#buffer.slice(at + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event === undefined || data === undefined) continue;
      const parsed = { event, data: JSON.parse(data) };
      if (keep(parsed)) events.push(parsed);
    }
    return events;
  }
}
