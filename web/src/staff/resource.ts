import { useEffect, useState } from 'preact/hooks';
import { problemOf, staffCall } from './session.ts';

/** One staff GET, fetched again when its path changes or on reload (which keeps what is shown until the answer is in); its problem is the API's message. */
export function useResource<T>(path: string) {
  const [value, setValue] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const reload = () =>
    staffCall<T>('GET', path).then(
      (loaded) => {
        setValue(loaded);
        setProblem(null);
      },
      (error: unknown) => setProblem(problemOf(error)),
    );
  useEffect(() => {
    setValue(null);
    void reload();
  }, [path]);
  return { value, problem, reload, set: setValue };
}
