import { strict as assert } from "node:assert";
import { RateLimiter, SlidingWindowLimiter } from "../../simulator/core/rate-limiter";
import { xmlProblem } from "../../simulator/epm/xml";

describe("unit: EPM policy-file well-formedness check", function () {
    const good = [
        `<?xml version="1.0" encoding="utf-8"?>\n<Configuration a="1" b='2'><!-- c --><X/><Y>t &amp; &#169; &#xA9;</Y><![CDATA[<not a tag>]]></Configuration>`,
        "\uFEFF<a/>",
        `<!DOCTYPE a><a:b xmlns:a="u"><c.d-e_f/></a:b>`,
    ];
    const bad: [string, RegExp][] = [
        ["", /no root/],
        ["<a>", /never closed/],
        ["<a></b>", /closes <a>/],
        ["<a/><b/>", /more than one root/],
        ["text<a/>", /outside the root/],
        ["<a x=1/>", /malformed tag/],
        ["<a>&bad</a>", /unescaped/],
        ["<a><!-- open</a>", /unterminated comment/],
        ["</a>", /closes nothing/],
    ];
    for (const text of good) it(`accepts ${JSON.stringify(text.slice(0, 30))}`, () => assert.equal(xmlProblem(text), undefined));
    for (const [text, reason] of bad) it(`refuses ${JSON.stringify(text)}`, () => assert.match(xmlProblem(text) ?? "", reason));
});

describe("unit: sliding windows as data", function () {
    it("EPM's one window: 1000 per 100 s, Retry-After until the oldest request leaves", () => {
        let now = 0;
        const l = new SlidingWindowLimiter([{ spanMs: 100_000, limit: 1000 }], () => now);
        for (let i = 0; i < 1000; i++) {
            assert.equal(l.take("a").allowed, true);
            now += 10;
        }
        const refused = l.take("a");
        assert.deepEqual([refused.allowed, refused.remaining, refused.retryAfterSeconds], [false, 0, 90]);
        assert.equal(l.take("b").allowed, true, "per account");
        now = 100_000;
        assert.equal(l.take("a").allowed, true, "the first request left the window");
    });

    it("PRA's limiter keeps its counts when its limits change (as before windows became data)", () => {
        let now = 0;
        const l = new RateLimiter({ perSecond: 5, perHour: 100 }, () => now);
        for (let i = 0; i < 3; i++) l.take("a");
        l.limits = { perSecond: 3, perHour: 100 };
        assert.equal(l.take("a").allowed, false);
        const d = l.take("b");
        assert.deepEqual([d.limit, d.remaining], [100, 99], "X-RateLimit-* report the hourly window");
        now = 1000;
        assert.equal(l.take("a").allowed, true);
    });
});
