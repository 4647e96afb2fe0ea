'use client';

import { type ComponentProps, useEffect, useRef, useState } from 'react';
import { Input } from './input';

type DebouncedInputProps = Omit<ComponentProps<typeof Input>, 'value' | 'onChange'> & {
  value: string | undefined;
  /** Called once typing pauses (300 ms), with the trimmed text or undefined when empty. */
  onCommit: (value: string | undefined) => void;
};

/** A text filter that hands on what was typed when typing pauses, and shows a value changed elsewhere (Back). */
export function DebouncedInput({ value, onCommit, ...props }: DebouncedInputProps) {
  const [text, setText] = useState(value ?? '');
  const sent = useRef(value);
  // The latest callback, so a parent re-rendering (a list refetching) does not restart the pause.
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });

  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value ?? '');
    }
  }, [value]);

  useEffect(() => {
    const next = text.trim() || undefined;
    if (next === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = next;
      commit.current(next);
    }, 300);
    return () => clearTimeout(timer);
  }, [text]);

  return <Input {...props} value={text} onChange={(event) => setText(event.target.value)} />;
}
