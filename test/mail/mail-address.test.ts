import { describe, expect, it } from "vitest";
import { emailAddressProblem, parseEmailAddress } from "../../src/modules/mail/mail-address.js";

/** Finding F1 (outside attack): the one address syntax and canonical form, without a database. */
describe("mail address rule", () => {
  it("R-SEC-1 gives a plain address its canonical form and mailbox (case and +tag aside)", () => {
    expect(parseEmailAddress(" Anne.Berg+Desk@DK.Example ")).toEqual({ address: "anne.berg+desk@dk.example", mailbox: "anne.berg@dk.example" });
    expect(parseEmailAddress("o'neill@gov.example")?.mailbox).toBe("o'neill@gov.example");
    expect(parseEmailAddress("x@XN--BRGER-KVA.dk")?.address).toBe("x@xn--brger-kva.dk");
  });

  it("R-SEC-1 refuses every spelling that a mail system might deliver to another mailbox, never echoing the address", () => {
    for (const email of [
      '"admin.dk"@imi.example', '"admin\\.dk"@imi.example', "admin\\.dk@imi.example", "admin.dk(x)@imi.example",
      "admin.dk@[127.0.0.1]", "admin.dk@127.0.0.1", "admin.dk@imi.example.", "admin\u200b.dk@imi.example", "admin.dk@imi\u200b.example",
      "admin.dk\ufeff@imi.example", "admin.dk\u00ad@imi.example", "\u212aelvin@imi.example", "\u017fam@imi.example", "\uff41dmin.dk@imi.example",
      "admin.dk@xn--imi-.example", "admin.dk%imi.example@relay.example", "admin.dk!x@imi.example", "+admin@imi.example", "admin.+x@imi.example",
      "admin..dk@imi.example", ".admin@imi.example", "admin@imi", "a@b@imi.example", "admin@-imi.example", "a,b@imi.example", "a\ud800@imi.example", "",
    ]) {
      expect(parseEmailAddress(email), JSON.stringify(email)).toBeNull();
      const problem = emailAddressProblem(email)!;
      expect(problem, JSON.stringify(email)).toMatch(/^The e-mail address .*plain address such as name@authority\.example/);
      if (email.length > 0) expect(problem).not.toContain("admin.dk");
    }
  });
});
