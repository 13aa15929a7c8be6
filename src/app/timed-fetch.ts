// fetch with a deadline: every outgoing call has one, including those a framework makes for us with plain fetch
// (Bolt's respond() to a response_url, used by Share and votes, has none of its own: a hung one held its listener).
/** A fetch whose every request is aborted after timeoutMs (on top of any signal the caller passes). */
export function timedFetch(timeoutMs: number, base: typeof fetch = globalThis.fetch): typeof fetch {
  return (input, init = {}) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    return base(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
  };
}
