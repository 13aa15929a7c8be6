// The core's bounded edit distance against the damerau-levenshtein package (optimal string alignment): the same
// result whenever it is within the bound, and "more than the bound" otherwise.
import damerau from "damerau-levenshtein";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance } from "../../src/core/text.js";

describe("editDistance", () => {
  it("agrees with damerau-levenshtein within the bound, over random words", () => {
    const word = fc.stringMatching(/^[a-e]{0,12}$/);
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const oracle = damerau(a, b).steps;
        const got = editDistance(a, b, max);
        if (oracle <= max) expect(got).toBe(oracle);
        else expect(got).toBeGreaterThan(max);
      }),
      { seed: 42, numRuns: 3000 },
    );
  });

  it("counts a swap of two neighbouring letters as one edit", () => {
    expect(editDistance("yaer", "year", 2)).toBe(1);
    expect(editDistance("antrhopic", "anthropic", 2)).toBe(1);
    expect(editDistance("cat", "cats", 0)).toBe(1);
  });
});
