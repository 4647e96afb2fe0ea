import { describe, expect, it } from 'vitest';
import * as channelItem from '../app/api/v1/channels/[id]/route';
import * as channels from '../app/api/v1/channels/route';
import * as workflows from '../app/api/v1/workflows/route';
import { call, makeApiKey, uniq } from './support/factories';
import {
  apiWorkflow,
  messagesOfWorkflow,
  postEvent,
  sinkAndWorkerForFile,
  waitFor,
  webhookChannel,
} from './support/pipeline';

// A webhook channel's payload template is the request body of messages sent through it by a send step without a
// body template of its own: rendered by the workflow engine like a step body, checked like one, and a step's own
// body wins. Through the real pipeline: event -> run -> message -> worker -> the receiving HTTP sink.

// biome-ignore lint/suspicious/noExplicitAny: assertions walk response JSON whose shape the test checks
type Json = Record<string, any>;

const running = sinkAndWorkerForFile();

const PAYLOAD =
  '{"type": "{{ event.event_type }}", "user": {{ data.name | json }}, "n": {{ data.n }}, "run": "{{ run.workflow_id }}"}';

async function hook(config: Json) {
  const path = `/payload-${uniq()}`;
  const url = `${running.sink.url}${path}`;
  const channel = await webhookChannel(url, { config: { url, ...config } });
  return { ...channel, path, received: () => running.sink.requests.filter((r) => r.path === path) };
}

/** Posts one event to a fresh workflow of `steps`; resolves once its messages are final. */
async function runOnce(steps: unknown[], data: Json) {
  const eventType = `evt.${uniq()}`;
  const workflow = await apiWorkflow(eventType, steps);
  expect((await postEvent({ event_type: eventType, data })).status).toBe(202);
  const rows = await waitFor(
    async () => {
      const found = await messagesOfWorkflow(workflow.id);
      return found.length === steps.length && found.every((m) => m.status === 'sent' || m.status === 'failed')
        ? found
        : undefined;
    },
    30_000,
    'final messages',
  );
  return { workflow, eventType, messages: rows };
}

describe('webhook channel payload template', () => {
  it('is the body of a send step without a body template, rendered with the event in scope', async () => {
    const channel = await hook({ payload: PAYLOAD });
    const { workflow, eventType, messages } = await runOnce(
      [{ type: 'send', channel_id: channel.id, template: {} }],
      {
        name: 'Ada "the Countess"',
        n: 7,
      },
    );
    expect(messages.map((m) => [m.status, m.lastError])).toEqual([['sent', null]]);
    const [received] = channel.received();
    expect(received!.headers['content-type']).toBe('application/json');
    expect(received!.body).toBe(
      `{"type": "${eventType}", "user": "Ada \\"the Countess\\"", "n": 7, "run": "${workflow.id}"}`,
    );
    expect(channel.received()).toHaveLength(1);
  });

  it("a step's own body template wins over the channel's payload", async () => {
    const channel = await hook({ payload: PAYLOAD });
    const { messages } = await runOnce(
      [{ type: 'send', channel_id: channel.id, template: { body: '{"from": "step", "n": {{ data.n }}}' } }],
      { name: 'Ada', n: 3 },
    );
    expect(messages.map((m) => m.status)).toEqual(['sent']);
    expect(channel.received().map((r) => r.body)).toEqual(['{"from": "step", "n": 3}']);
  });

  it('a payload that renders to something the channel cannot send fails the message, naming the channel and why', async () => {
    // Valid JSON for a number (and for the sample event at save), not for a string: only the event can tell.
    const channel = await hook({ payload: '{"n": {{ data.n }}}' });
    const { messages } = await runOnce([{ type: 'send', channel_id: channel.id, template: {} }], {
      n: 'five',
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.status).toBe('failed');
    expect(messages[0]!.lastError).toMatch(
      new RegExp(
        `^payload template of webhook channel "${channel.name}": sends json bodies, but the rendered body is not JSON: .+ \\(rendered: "\\{\\\\"n\\\\": five\\}"\\)$`,
      ),
    );

    // A variable the event does not have: the strict-variables template error, naming the channel's payload.
    const strict = await hook({ payload: '{"a": {{ data.missing.deeper | json }}}' });
    const second = await runOnce([{ type: 'send', channel_id: strict.id, template: {} }], { n: 1 });
    expect(second.messages[0]!.status).toBe('failed');
    expect(second.messages[0]!.lastError).toMatch(
      new RegExp(
        `^template error in payload template of webhook channel "${strict.name}": undefined variable`,
      ),
    );
    expect(channel.received()).toHaveLength(0);
    expect(strict.received()).toHaveLength(0);
  });

  it('a step body that is not JSON still fails at send, as before (the payload does not stand in for it)', async () => {
    const channel = await hook({ payload: PAYLOAD });
    const { messages } = await runOnce(
      [{ type: 'send', channel_id: channel.id, template: { body: '{"n": {{ data.n }}}' } }],
      { n: 'five' },
    );
    expect(messages[0]!.status).toBe('failed');
    expect(messages[0]!.lastError).toContain('the rendered body is not JSON');
    expect(channel.received()).toHaveLength(0);
  });
});

describe('saving payload templates and body-less steps', () => {
  const channelBody = (config: Json) => ({
    name: `hook-${uniq()}`,
    provider: 'webhook',
    config: { url: `${running.sink.url}/never`, ...config },
  });

  it('refuses a payload that is not valid Liquid, or cannot render to the body format, naming config.payload', async () => {
    const { key } = await makeApiKey('admin');
    const create = (config: Json) => call(channels.POST, { method: 'POST', key, body: channelBody(config) });

    const syntax = await create({ payload: '{"a": {% if %}}' });
    expect(syntax.status).toBe(422);
    const syntaxProblem = (await syntax.json()) as Json;
    expect(syntaxProblem.errors).toEqual([
      { path: 'body.config.payload', message: expect.stringMatching(/^is not a valid Liquid template: /) },
    ]);

    const notJson = await create({ payload: '{"user": "{{ data.name }}" "n": 1}' });
    expect(notJson.status).toBe(422);
    expect(((await notJson.json()) as Json).errors).toEqual([
      {
        path: 'body.config.payload',
        message: expect.stringMatching(
          /^must render to a json body, but for a sample event the rendered body is not JSON: /,
        ),
      },
    ]);
    const notObject = await create({ body_format: 'form', payload: '[{{ data.n }}]' });
    expect(((await notObject.json()) as Json).errors[0]).toMatchObject({
      path: 'body.config.payload',
      message: expect.stringContaining('must be a JSON object of form fields'),
    });

    // Anything goes for a text channel; a JSON template is saved and read back as it was.
    expect((await create({ body_format: 'text', payload: 'Hi {{ data.name }}' })).status).toBe(201);
    const saved = await create({ payload: PAYLOAD });
    expect(saved.status).toBe(201);
    const created = (await saved.json()) as Json;
    expect(created.config.payload).toBe(PAYLOAD);

    // And on update.
    const patched = await call(channelItem.PATCH, {
      method: 'PATCH',
      key,
      params: { id: created.id },
      body: { config: { ...created.config, payload: '{{ data.n ' } },
    });
    expect(patched.status).toBe(422);
    expect(((await patched.json()) as Json).errors[0].path).toBe('body.config.payload');
  });

  it('refuses a send step without a body template unless its channel is a webhook channel with a payload', async () => {
    const { key } = await makeApiKey('admin');
    const bare = await hook({});
    const withPayload = await hook({ payload: PAYLOAD });
    const save = (channelId: string) =>
      call(workflows.POST, {
        method: 'POST',
        key,
        body: {
          key: `wf-${uniq()}`,
          name: 'Payload',
          steps: [{ type: 'send', name: 'notify', channel_id: channelId, template: {} }],
        },
      });
    const refused = await save(bare.id);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as Json).errors).toEqual([
      {
        path: 'body.steps.0.template.body',
        message:
          'step 0 ("notify"): is required unless the step\'s channel is a webhook channel with a payload template',
      },
    ]);
    expect((await save(withPayload.id)).status).toBe(201);
  });
});
