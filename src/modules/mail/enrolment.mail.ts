import type { MailMessage } from "./mail.transport.js";

/**
 * R-SEC-1: the enrolment mail. It names nobody but its addressee (no name, authority, role or
 * creator: the SPEC's need-to-know also holds for a mail that may be forwarded or misdelivered) and
 * says how to enrol. The code stands on a line of its own, short enough never to be wrapped.
 */
export function enrolmentMail(to: string, code: string, expiresAt: Date): MailMessage {
  return {
    to,
    subject: "Your IMI enrolment code",
    text: [
      "An account of the IMI data-protection API has been created for this e-mail address.",
      "",
      "To enrol, set your own password (at least 12 characters) with this code:",
      "",
      `Enrolment code: ${code}`,
      "",
      `The code can be used once, until ${expiresAt.toISOString()}.`,
      "Call the enrolUser mutation with your e-mail address, this code and your new password",
      "(or use your national frontend's enrolment page). The answer shows your second-factor",
      "(TOTP) secret once: add it to your authenticator app, then log in with your e-mail,",
      "password and security code.",
      "",
      "If the code has expired, ask your local administrator to send a new one.",
      "If you did not expect this mail, ignore it: nothing happens without the code.",
      "",
    ].join("\n"),
  };
}

/** The code of an enrolment mail's text (tests and operators reading the outbox). */
export const ENROLMENT_CODE_LINE = /^Enrolment code: ([A-Z2-7]{4}(?:-[A-Z2-7]{4})+)\s*$/m;
