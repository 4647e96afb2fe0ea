import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { SandboxedHtml } from '@/components/ui/sandboxed-html';
import type { MessageView } from './queries';

/** The rendered subject, body and HTML; the HTML only ever inside a sandboxed iframe. */
export function MessageContent({ message }: { message: MessageView }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Content</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="flex flex-col gap-1">
          <p className="text-xs font-medium text-slate-500">Subject</p>
          <p className="text-sm text-slate-900">
            {message.subject ?? <span className="text-slate-400">—</span>}
          </p>
        </div>
        <div className="flex flex-col gap-1">
          <p className="text-xs font-medium text-slate-500">Body</p>
          {message.body ? (
            <CodeBlock>{message.body}</CodeBlock>
          ) : (
            <span className="text-sm text-slate-400">—</span>
          )}
        </div>
        {message.html ? (
          <div className="flex flex-col gap-1">
            <p className="text-xs font-medium text-slate-500">HTML</p>
            <SandboxedHtml html={message.html} title="Message HTML" />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
