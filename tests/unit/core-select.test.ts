import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kthLargest } from "../../src/core/fact-index.js";

describe("kthLargest (candidate cut-off)", () => {
  it("equals the k-th value of a descending sort, for any values and k", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: 0, max: 1e6 }), { minLength: 1, maxLength: 300 }), fc.nat(), (xs, n) => {
        const k = (n % xs.length) + 1;
        const sorted = [...xs].sort((a, b) => b - a);
        expect(kthLargest(Float64Array.from(xs), k)).toBe(sorted[k - 1]);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
