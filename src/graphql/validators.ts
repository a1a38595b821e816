import { Matches, ValidateBy } from "class-validator";
import { emailAddressProblem } from "../modules/mail/mail-address.js";

/** Text that is more than whitespace: services trim input, so "   " would otherwise be stored as "". */
export function NotBlank(): PropertyDecorator {
  return Matches(/\S/, { message: "$property must not be blank" });
}

/**
 * R-SEC-1: an address mail is sent to (a user's e-mail and login, an authority's contact address) in
 * the one syntax the API accepts (modules/mail/mail-address.ts); the message says which part is wrong,
 * never echoing the address. Instead of class-validator's IsEmail, which accepts quoted local parts
 * and IP literals (outside attack, finding F1).
 */
export function IsEmailAddress(): PropertyDecorator {
  return ValidateBy({
    name: "isEmailAddress",
    validator: {
      validate: (value: unknown) => typeof value === "string" && emailAddressProblem(value) === null,
      defaultMessage: (args) => (typeof args?.value === "string" && emailAddressProblem(args.value)) || "The e-mail address must be text.",
    },
  });
}
