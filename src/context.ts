import type { Situation } from "./auth/procedure-situation.js";
import type { Viewer } from "./auth/viewer.js";
import type { AuditRecorder } from "./modules/audit/audit.recorder.js";
import type { Loaders } from "./loaders.js";
import { UnauthenticatedError, type AuthFailureReason } from "./errors.js";
import type { Language } from "./i18n/languages.js";

/** Per-request context: who asks, under which request id, with this request's loaders and audit batch. */
export interface Context {
  readonly requestId: string;
  /** Null when no valid token came with the request. */
  readonly viewer: Viewer | null;
  /** Set when a token came but was refused (expired, forged, user deactivated): said instead of "log in". */
  readonly authFailure: string | null;
  /** Why the token was refused (errors.ts AuthFailureReason), sent as `extensions.reason`. */
  readonly authFailureReason?: AuthFailureReason | null;
  readonly loaders: Loaders;
  /** The time the request is judged at: one reading of the clock, so every rule agrees. */
  readonly now: Date;
  /** The viewer's situation per procedure, computed once per request (auth/procedure-situation.ts). */
  readonly situations: Map<string, Promise<Situation>>;
  readonly audit: AuditRecorder;
  /** The language of texts and error messages, from Accept-Language (i18n/languages.ts); English when absent. */
  readonly language?: Language;
  /** The client's address (socket, or x-forwarded-for under TRUST_PROXY=1); absent outside HTTP. */
  readonly clientAddress?: string | null;
}

/** The viewer, or UNAUTHENTICATED: every operation but the public ones starts here. */
export function requireViewer(ctx: Context): Viewer {
  if (ctx.viewer) return ctx.viewer;
  throw new UnauthenticatedError(ctx.authFailure ?? "You must be logged in: call `login` and send its token as `Authorization: Bearer <token>`.", ctx.authFailureReason ?? undefined);
}
