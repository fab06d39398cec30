/** The executor registry: YAML `type` -> executor (one file per type, named after it). */
import { AppError } from '../../errors/app-error.js';
import type { NodeType, PlanNode } from '../../plan/types.js';
import type { CallContext, NodeExecutor, StepOutcome } from '../call-context.js';
import { executeAnnouncement } from './announcement.js';
import { executeBranch } from './branch.js';
import { executeCalendar } from './calendar.js';
import { executeDestination } from './destination.js';
import { executeEmail } from './email.js';
import { executeExtension } from './extension.js';
import { executeHangup } from './hangup.js';
import { executeIvr } from './ivr.js';
import { executeLanguage } from './language.js';
import { executeList } from './list.js';
import { executeOrigin } from './origin.js';
import { executeSet } from './set.js';
import { executeTable } from './table.js';

type Registry = { readonly [T in NodeType]: NodeExecutor<Extract<PlanNode, { type: T }>> };

export const EXECUTORS: Registry = {
  destination: executeDestination,
  origin: executeOrigin,
  calendar: executeCalendar,
  ivr: executeIvr,
  language: executeLanguage,
  list: executeList,
  table: executeTable,
  branch: executeBranch,
  set: executeSet,
  email: executeEmail,
  extension: executeExtension,
  announcement: executeAnnouncement,
  hangup: executeHangup,
};

/** Runs the node's executor. */
export function executeNode(node: PlanNode, ctx: CallContext): Promise<StepOutcome> {
  const executor = EXECUTORS[node.type] as NodeExecutor | undefined;
  if (executor === undefined)
    throw new AppError('ENGINE_NO_EXECUTOR', `no executor for node type "${node.type}"`, {
      location: node.source,
    });
  return executor(node, ctx);
}
