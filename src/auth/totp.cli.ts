/** `npm run totp [secret]`: prints the current security code, for trying the demo accounts. */
import { securityCodeAt } from "./totp.js";

const secret = process.argv[2] ?? "JBSWY3DPEHPK3PXP";
const now = new Date();
const remaining = 30 - (Math.floor(now.getTime() / 1000) % 30);
console.log(`${securityCodeAt(secret, now)}  (valid for ${remaining} s more)`);
