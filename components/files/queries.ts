import { useApiMutation } from '@/components/data/api-mutation';
import { apiFetch } from '@/lib/client/api';
import type { FileView } from '@/lib/files/schemas';

export type { FileView };

export const fileKeys = {
  all: ['files'] as const,
};

/** POST /api/v1/files with the file in the `file` part; the same bytes again answer with the stored file. */
export function useUploadFile() {
  return useApiMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return apiFetch<FileView>('/api/v1/files', { method: 'POST', body: form });
    },
    toast: {
      success: 'File uploaded',
      error: 'The file was not uploaded',
    },
    invalidate: [fileKeys.all],
  });
}
