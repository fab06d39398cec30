import type { CompiledPlan } from '../compile/compiled-plan.js';
import { digitPrompt, type Language, type PlanNode, QUEUE_POSITION_PROMPT } from '../types.js';
import type { YamlPath } from '../yaml/source-locator.js';
import { type CheckContext, nodePropertyLocation } from './check-context.js';
import { languagesAtNodes } from './language-flow.js';

interface PromptUse {
  readonly prompt: string;
  /** Where the prompt is named, under the node. */
  readonly path: YamlPath;
}

/** R2, P7: every prompt a node plays exists, is A-law 8 kHz 8-bit mono, in every language a call can have there. */
export function checkAnnouncements(ctx: CheckContext): void {
  for (const compiled of ctx.plans) {
    const languages = languagesAtNodes(compiled.plan, ctx.systemLanguage);
    for (const node of compiled.plan.nodes.values()) {
      for (const use of promptsOf(node))
        checkPrompt(ctx, compiled, node, use, languages.get(node.id) ?? new Set());
    }
  }
}

function checkPrompt(
  ctx: CheckContext,
  compiled: CompiledPlan,
  node: PlanNode,
  use: PromptUse,
  needed: ReadonlySet<Language>,
): void {
  const location = nodePropertyLocation(compiled, node, ...use.path);
  const name = JSON.stringify(use.prompt);
  const found = ctx.announcements.get(use.prompt);
  if (found === undefined || found.size === 0) {
    const where = [...(needed.size > 0 ? needed : ['<lang>'])]
      .map((l) => `${l}/${use.prompt}.wav`)
      .join(', ');
    ctx.sink.error(
      'PLAN_ANNOUNCEMENT_MISSING',
      `announcement ${name} not found (expected ${where})`,
      location,
    );
    return;
  }
  const missing = [...needed].filter((l) => !found.has(l));
  if (missing.length > 0) {
    const message = `announcement ${name} is missing in ${missing.join(', ')}, a language calls can have here`;
    ctx.sink.error('PLAN_ANNOUNCEMENT_MISSING_LANGUAGE', message, location);
  }
  for (const [language, status] of found) {
    if (status.ok || (needed.size > 0 && !needed.has(language))) continue;
    ctx.sink.error(
      'PLAN_ANNOUNCEMENT_FORMAT',
      `announcement ${name} (${language}): ${status.problem}`,
      location,
    );
  }
}

function promptsOf(node: PlanNode): PromptUse[] {
  const uses: PromptUse[] = [];
  const add = (prompt: string | undefined, ...path: YamlPath): void => {
    if (prompt !== undefined && prompt !== '') uses.push({ prompt, path });
  };
  switch (node.type) {
    case 'ivr':
      add(node.prompt, 'prompt');
      add(node.invalidPrompt, 'invalidPrompt');
      break;
    case 'extension':
    case 'announcement':
    case 'hangup':
      add(node.prompt, 'prompt');
      break;
    case 'destination':
      if (node.queue === undefined) break;
      add(node.queue.welcome, 'queue', 'welcome');
      add(node.queue.firstInLine, 'queue', 'firstInLine');
      add(node.queue.periodic?.prompt, 'queue', 'periodic', 'prompt');
      add(node.queue.music, 'queue', 'music');
      if (node.queue.announcePosition) {
        add(QUEUE_POSITION_PROMPT, 'queue', 'announcePosition');
        for (let d = 0; d <= 9; d++) add(digitPrompt(d), 'queue', 'announcePosition');
      }
      break;
    default:
      break;
  }
  return uses;
}
