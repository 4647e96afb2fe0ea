import { sampleScope } from '../../../workflows/sample-scope';
import type { DefaultBody } from '../../../workflows/steps/types';
import { renderNow, templateProblem } from '../../../workflows/templates';
import { type BodyFormat, bodyFormatProblem } from './body-format';

/*
 * A webhook channel's `payload`: the Liquid template of the request body for every message a send step sends
 * through the channel without a body template of its own (a step's `template.body` wins). The workflow engine
 * renders it when it plans the step, exactly as it renders a step's body: the same engine (strict variables and
 * filters), the same scope (`{event, data, recipient, events, run}`), no escaping but what the template asks for
 * (`{{ data.name | json }}`). Like a step's body it is checked against the channel's body format: when the
 * channel is saved, rendered for a sample event; when a message is planned, for its event (the message fails,
 * naming the channel and why).
 */

/** A payload that is empty or only whitespace is no payload: the console's empty field. */
export function hasPayload<T extends { payload?: unknown }>(config: T): config is T & { payload: string } {
  return typeof config.payload === 'string' && config.payload.trim() !== '';
}

/**
 * Why a payload template cannot be saved, or undefined: its Liquid syntax, or (as for a step's body) a body that
 * for a sample event cannot be sent in the channel's body format. One that fails to render for the sample (a
 * variable only some events have) is left to run time.
 */
export function payloadTemplateProblem(template: string, format: BodyFormat): string | undefined {
  const syntax = templateProblem(template);
  if (syntax) return `is not a valid Liquid template: ${syntax}`;
  if (format === 'text' || template.trim() === '') return undefined;
  let rendered: string;
  try {
    rendered = renderNow(template, sampleScope(), 'payload');
  } catch {
    return undefined;
  }
  const problem = bodyFormatProblem(format, rendered);
  return problem
    ? `must render to a ${format} body, but for a sample event ${problem} (rendered: ${snippet(rendered)})`
    : undefined;
}

/** What the engine renders for a send step without a body template through this channel, if anything. */
export function webhookDefaultBody(row: {
  name: string;
  provider: string;
  config: unknown;
}): DefaultBody | undefined {
  const config = (row.config ?? {}) as { payload?: unknown; body_format?: BodyFormat };
  if (row.provider !== 'webhook' || !hasPayload(config)) return undefined;
  // Channels saved before body formats existed have none stored: they are JSON.
  const format = config.body_format ?? 'json';
  return {
    template: config.payload,
    label: `payload template of webhook channel "${row.name}"`,
    problem: (rendered) => {
      const problem = bodyFormatProblem(format, rendered);
      return problem && `sends ${format} bodies, but ${problem} (rendered: ${snippet(rendered)})`;
    },
  };
}

function snippet(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
