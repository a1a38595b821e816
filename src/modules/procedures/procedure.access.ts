import { requireViewer, type Context } from "../../context.js";
import { ForbiddenError } from "../../errors.js";
import {
  DENIAL_MESSAGES,
  participantAccess,
  personalDataAccess,
  type AccessDecision,
} from "../../auth/personal-data-access.js";
import type { ParticipantRow, ProcedureRow } from "./procedure.repository.js";

/** The viewer's authority's current part in the procedure, through the request's loader. */
export async function viewerParticipation(ctx: Context, procedure: ProcedureRow): Promise<ParticipantRow | undefined> {
  const viewer = requireViewer(ctx);
  const all = await ctx.loaders.participants.load(procedure.id);
  return all.find((participant) => participant.authorityId === viewer.authorityId);
}

export async function personalDataDecision(ctx: Context, procedure: ProcedureRow): Promise<AccessDecision> {
  return personalDataAccess(requireViewer(ctx), procedure, await viewerParticipation(ctx, procedure));
}

/** The viewer's participation when personal data may be read; an explained FORBIDDEN otherwise. */
export async function requirePersonalData(ctx: Context, procedure: ProcedureRow): Promise<ParticipantRow> {
  const participation = await viewerParticipation(ctx, procedure);
  const decision = personalDataAccess(requireViewer(ctx), procedure, participation);
  if (!decision.granted) throw new ForbiddenError(DENIAL_MESSAGES[decision.reason], decision.reason);
  return participation!;
}

/** Participant-level information (the justification): any current participant's case handlers. */
export async function requireParticipant(ctx: Context, procedure: ProcedureRow): Promise<void> {
  const decision = participantAccess(requireViewer(ctx), procedure, await viewerParticipation(ctx, procedure));
  if (!decision.granted) throw new ForbiddenError(DENIAL_MESSAGES[decision.reason], decision.reason);
}
