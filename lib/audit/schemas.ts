import { z } from 'zod';
import { paginationQuery } from '../api/pagination';

/** Audit log ids are bigserial numbers: what the list's cursor holds instead of a UUID. */
export const AUDIT_ID = z.string().regex(/^\d{1,19}$/);

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

export const listAuditLogQuery = z
  .object({
    ...paginationQuery.shape,
    actor: optionalText(254).describe("part of the actor's e-mail or API key name, or the actor's exact id"),
    action: optionalText(100).describe('exact action, e.g. `channel.update`, `message.discard`'),
    resource_type: optionalText(50).describe('e.g. `channel`, `workflow`, `message`, `event`, `user`'),
    resource_id: optionalText(200),
    from: z.iso.datetime({ offset: true }).optional().describe('recorded at or after'),
    to: z.iso.datetime({ offset: true }).optional().describe('recorded before'),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), {
    path: ['to'],
    message: 'must be after `from`',
  });
export type AuditLogFilter = Omit<z.output<typeof listAuditLogQuery>, 'limit' | 'cursor' | 'before'>;

export const auditEntrySchema = z.object({
  id: z.string().describe('increasing number, as a string'),
  actor_type: z.enum(['user', 'api_key', 'system']),
  actor_id: z.string().nullable(),
  actor_label: z.string().nullable().describe('e-mail of the user, name of the API key, or `system`'),
  action: z.string(),
  resource_type: z.string(),
  resource_id: z.string().nullable(),
  changes: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe(
      'create `{after}`, update `{before, after}` (changed fields only), delete `{before}`; actions add their ' +
        'own fields (`reason`, counts); secrets are masked',
    ),
  request_id: z.string().nullable(),
  created_at: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;
