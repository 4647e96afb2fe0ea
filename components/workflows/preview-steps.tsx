import { Badge } from '@/components/ui/badge';
import { CodeBlock } from '@/components/ui/code-block';
import { SandboxedHtml } from '@/components/ui/sandboxed-html';
import type { PreviewResult } from './queries';

type PreviewStep = PreviewResult['steps'][number];

/** Each step's rendered output: messages for send steps, the decision or timing for the others. */
export function PreviewSteps({ steps }: { steps: PreviewStep[] }) {
  return (
    <ol aria-label="Preview result" className="flex flex-col gap-3">
      {steps.map((step) => (
        <li key={step.index} className="flex flex-col gap-2 rounded-md border border-slate-200 p-3">
          <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
            Step {step.index + 1} · {step.type}
            {step.skipped ? <Badge>skipped</Badge> : null}
            {step.matches === true ? <Badge tone="success">matches</Badge> : null}
            {step.matches === false ? <Badge tone="warning">does not match</Badge> : null}
          </p>
          {step.until ? <p className="text-sm text-slate-600">Waits until {step.until}</p> : null}
          {step.window_seconds !== undefined ? (
            <p className="text-sm text-slate-600">
              Collects for {step.window_seconds} s{step.key ? <> under key “{step.key}”</> : null}
            </p>
          ) : null}
          {step.messages?.map((message, index) => (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: rendered messages have no id and never reorder
              key={`${message.recipient}-${index}`}
              className="flex flex-col gap-1.5 border-t border-slate-100 pt-2"
            >
              <p className="text-xs text-slate-500">
                To: <span className="text-slate-900">{message.recipient || '(no recipient)'}</span>
              </p>
              {message.error ? (
                <p role="alert" className="rounded-md bg-red-50 px-2.5 py-1.5 text-xs text-red-700">
                  {message.error}
                </p>
              ) : null}
              {message.subject ? (
                <p className="text-sm font-medium text-slate-900">{message.subject}</p>
              ) : null}
              {message.body ? <CodeBlock>{message.body}</CodeBlock> : null}
              {message.html ? (
                <SandboxedHtml
                  html={message.html}
                  title={`Step ${step.index + 1} HTML preview`}
                  className="h-64 w-full rounded-md border border-slate-200 bg-white"
                />
              ) : null}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}
