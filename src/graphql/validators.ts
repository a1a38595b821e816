import { Matches } from "class-validator";

/** Text that is more than whitespace: services trim input, so "   " would otherwise be stored as "". */
export function NotBlank(): PropertyDecorator {
  return Matches(/\S/, { message: "$property must not be blank" });
}
