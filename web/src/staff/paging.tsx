import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import { Loading, Problem } from './notice.tsx';
import { problemOf, staffCall } from './session.ts';
import { Table } from './table.tsx';

/**
 * A listing the API pages with nextCursor: the items so far (loaded once the first page of this
 * path is in), the next page on request, and a reload from the start that keeps the rows shown.
 */
export function usePaged<T>(path: string) {
  const [items, setItems] = useState<T[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // Answers to an earlier path (the filters changed meanwhile) are dropped.
  const current = useRef(path);

  const load = async (cursor: string | null) => {
    setLoading(true);
    setProblem(null);
    try {
      const page = await staffCall<{ items: T[]; nextCursor: string | null }>('GET', cursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : path);
      if (current.current !== path) return;
      setItems((before) => (cursor ? [...before, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setLoaded(true);
    } catch (error) {
      if (current.current === path) setProblem(problemOf(error));
    } finally {
      if (current.current === path) setLoading(false);
    }
  };

  useEffect(() => {
    current.current = path;
    setItems([]);
    setLoaded(false);
    setNextCursor(null);
    void load(null);
  }, [path]);

  return { items, loaded, nextCursor, loading, problem, more: () => load(nextCursor), reload: () => load(null) };
}

type Paged = ReturnType<typeof usePaged<unknown>>;

/** Show more, when the API has a next page and none is on its way. */
export function More(props: { list: Paged }) {
  const { list } = props;
  return list.nextCursor && !list.loading ? (
    <p>
      <button type="button" class="secondary" onClick={list.more}>
        {t('staff.common.more')}
      </button>
    </p>
  ) : null;
}

/** Under a paged table: the API's problem, loading or nothing found (politely), and Show more. */
export function PagedFooter(props: { list: Paged }) {
  const { list } = props;
  return (
    <>
      <Problem message={list.problem} />
      <p aria-live="polite">{list.loading ? t('common.loading') : !list.problem && list.items.length === 0 && !list.nextCursor ? t('staff.common.none') : ''}</p>
      <More list={list} />
    </>
  );
}

/** A paged table shown once its first page is in (Loading… or the problem until then), with a row saying when it is empty, then a later page's problem and Show more. */
export function PagedTable(props: { list: Paged; caption: ComponentChildren; columns: ComponentChildren[]; children: ComponentChildren }) {
  const { list } = props;
  if (!list.loaded) return <Loading problem={list.problem} />;
  return (
    <>
      <Table caption={props.caption} columns={props.columns} count={list.items.length}>
        {props.children}
      </Table>
      <Problem message={list.problem} />
      <More list={list} />
    </>
  );
}
