import type { SimulatedCall } from './simulate-calls.js';

/** A simulated call as text: the path (node, type, output, target, why), the numbers rung, the end. */
export function formatSimulatedCall(call: SimulatedCall): string {
  const lines = [`call ${call.callId}: ${call.caller} -> ${call.called} at ${call.startedAt}`];
  if (call.group === undefined) lines.push(`  no number group for ${call.called}`);
  else lines.push(`  group ${call.group}, plan ${call.plan}${call.traced ? ' (traced caller)' : ''}`);
  const width = Math.max(4, ...call.steps.map((s) => s.node.length));
  for (const step of call.steps) {
    const time = step.at.slice(11, 19);
    const arrow = `${step.output} -> ${step.target ?? '(end)'}`;
    lines.push(
      `  ${String(step.seq).padStart(2)}. ${time} ${step.node.padEnd(width)} ${step.type.padEnd(12)} ${arrow}`,
    );
    lines.push(`      ${step.reason}`);
  }
  lines.push(`  rang: ${call.rang.length > 0 ? call.rang.join(', ') : '(nothing)'}`);
  if (call.played.length > 0)
    lines.push(`  played: ${call.played.map((p) => `${p.prompts.join('+')} (${p.language})`).join(', ')}`);
  for (const mail of call.emails) lines.push(`  e-mail to ${mail.to.join(', ')}: ${mail.subject}`);
  lines.push(`  end: ${describeEnd(call)}`);
  return lines.join('\n');
}

function describeEnd(call: SimulatedCall): string {
  const { end } = call;
  const parts: string[] = [end.how];
  if (end.status !== undefined) parts.push(String(end.status));
  if (end.outcome !== undefined) parts.push(`after ${end.outcome}`);
  if (end.code !== undefined) parts.push(`[${end.code}]`);
  return end.reason === undefined ? parts.join(' ') : `${parts.join(' ')}: ${end.reason}`;
}
