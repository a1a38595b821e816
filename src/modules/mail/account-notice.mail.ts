import type { MailMessage } from "./mail.transport.js";

export interface AccountNotice {
  authorityName: string;
  userName: string;
  userEmail: string;
  roles: readonly string[];
  createdAt: Date;
  /** The creator's authority and the role it created the account under (never the creator's own contact data). */
  createdByAuthorityName: string;
  createdByRole: string;
}

/**
 * R-SEC-1 (outside attack on enrolment, finding 1): whoever creates an account chooses the address its
 * enrolment code goes to, so an administrator can create an account for a mailbox of its own and
 * work it. That power comes with delegated user administration; what this mail adds is that the
 * authority the account belongs to learns of it at once, at its public contact address (and, for a
 * coordinator's account, every coordinating authority of the member state), and can have it
 * deactivated. It names the new account, which that authority's own administrators see anyway.
 */
export function accountNoticeMail(to: string, notice: AccountNotice): MailMessage {
  return {
    to,
    subject: `IMI: a new user account at ${notice.authorityName}`,
    text: [
      `A user account was created at ${notice.authorityName} on ${notice.createdAt.toISOString()}:`,
      "",
      `  ${notice.userName} <${notice.userEmail}>, roles ${notice.roles.join(", ")}`,
      "",
      `It was created by a ${notice.createdByRole} of ${notice.createdByAuthorityName}. The enrolment code went to the`,
      "address above only. If you do not know this person or this address, ask your local",
      "administrator or your national IMI coordinator to deactivate the account (deactivateUser);",
      "the audit log records who created it (USER_CREATE).",
      "",
    ].join("\n"),
  };
}
