/**
 * `npm run admin:create -- --email … --authority …`: the first Commission user of an empty database
 * (issue 15, docs/deployment.md "From an empty database"). The password comes from standard input or
 * from --password-file, never from the command line (it would stay in the shell's history and in
 * the process list). Prints the new TOTP secret once. Exit codes: 0 created, 1 refused or failed, 2 usage.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { systemClock } from "../clock.js";
import { loadDatabaseConfigOrExit } from "../config.js";
import { openDatabaseOrExit, type DatabaseHandle } from "../db/client.js";
import { readPassword } from "./read-password.js";
import { PASSWORD_RULE } from "../auth/password.js";
import { emailAddressProblem } from "../modules/mail/mail-address.js";
import { bootstrapCommissionUser, BootstrapRefused } from "./bootstrap-commission.js";
import { describeStartupFailure } from "./startup-failure.js";

const USAGE = `Usage: npm run admin:create -- --email <e-mail> --authority <helpdesk authority name> [options] < password-file

Creates the Commission's helpdesk authority (member state EU) and its first COMMISSION user in one
transaction, on the database of DATABASE_URL (migrated first), and prints the user's TOTP secret once.

  --email <e-mail>           the user's e-mail address, also the login (required)
  --authority <name>         the helpdesk authority's official name (required); an existing EU authority of that name is reused
  --name <full name>         the user's name (default: the e-mail's local part)
  --authority-email <e-mail> the authority's public contact e-mail (default: --email)
  --postal-address <text>    the authority's postal address (default: "Rue de la Loi 200, 1049 Brussels, Belgium")
  --dpo-name <text>          its data protection officer (default: "Data Protection Officer of the European Commission")
  --dpo-email <e-mail>       the officer's e-mail (default: --authority-email)
  --password-file <path>     read the password from this file (first line) instead of standard input
  --add-another              add a Commission user even though one exists (refused otherwise)

The password is read from standard input: typed without echo at a terminal (twice), or the first
line of what is piped in. It is never taken from the command line. ${PASSWORD_RULE}`;

function usage(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

if (process.argv.slice(2).some((arg) => arg === "--password" || arg.startsWith("--password="))) {
  usage("Refused: --password would leave the password in the shell history and the process list; pipe it in on standard input or use --password-file.");
}
let args;
try {
  args = parseArgs({
    options: {
      email: { type: "string" },
      authority: { type: "string" },
      name: { type: "string" },
      "authority-email": { type: "string" },
      "postal-address": { type: "string" },
      "dpo-name": { type: "string" },
      "dpo-email": { type: "string" },
      "password-file": { type: "string" },
      "add-another": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  usage((error as Error).message);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const email = args.email?.trim();
const authorityName = args.authority?.trim();
// The same rule as createUser's (mail/mail-address.ts); bootstrapCommissionUser checks it again.
if (!email || emailAddressProblem(email)) usage(`--email: ${email ? emailAddressProblem(email) : "give the user's e-mail address."}`);
if (!authorityName || authorityName.length < 2) usage("--authority must name the helpdesk authority.");
const authorityEmail = args["authority-email"]?.trim() || email;
if (emailAddressProblem(authorityEmail)) usage(`--authority-email: ${emailAddressProblem(authorityEmail)}`);

const config = loadDatabaseConfigOrExit();
let password: string;
try {
  password = args["password-file"] ? firstLine(await readFile(args["password-file"], "utf8")) : await readPassword("Password for the new Commission user: ");
} catch (error) {
  console.error(`Refused: no password: ${(error as Error).message}`);
  process.exit(1);
}

let database: DatabaseHandle | undefined;
let exitCode = 0;
try {
  database = await openDatabaseOrExit({ url: config.databaseUrl, pgliteDir: config.pgliteDir, connectTimeoutSeconds: config.databaseConnectTimeoutSeconds });
  await database.migrate();
  const created = await bootstrapCommissionUser(database.db, {
    email,
    name: args.name?.trim() || email.split("@")[0]!,
    password,
    authority: {
      name: authorityName,
      contactEmail: authorityEmail,
      postalAddress: args["postal-address"]?.trim() || "Rue de la Loi 200, 1049 Brussels, Belgium",
      dpoName: args["dpo-name"]?.trim() || "Data Protection Officer of the European Commission",
      dpoEmail: args["dpo-email"]?.trim() || authorityEmail,
    },
    addAnother: args["add-another"],
    now: systemClock.now(),
  });
  console.log(
    [
      `Created the Commission user ${created.userId} in ${created.authorityCreated ? "the new" : "the existing"} helpdesk authority "${authorityName}" (id ${created.authorityId}), ${database.driver}; audited as USER_CREATE.`,
      "Its TOTP secret, shown this once: add it to the user's authenticator app now (nothing can show it again).",
      `TOTP secret: ${created.totpSecret}`,
      `otpauth URI: ${created.totpUri}`,
      "Next: log in with the login mutation; the helpdesk creates each member state's coordinator authority (createAuthority) and coordinator (createUser).",
    ].join("\n"),
  );
} catch (error) {
  exitCode = 1;
  if (error instanceof BootstrapRefused) console.error(`Refused: ${error.message}`);
  else console.error(describeStartupFailure(error, config) ?? `admin:create failed: ${(error as Error).message}`);
} finally {
  await database?.close();
}
process.exit(exitCode);

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? "";
}
