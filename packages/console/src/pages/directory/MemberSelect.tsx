import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { useMemberSearch } from './useMembers';

type Props = Omit<SelectProps<string[]>, 'mode' | 'options' | 'showSearch'> & { testId?: string; exclude?: string[] };

/** The search box waits this long after the last keystroke before asking the server. */
export const searchDebounceMs = 300;

export function useDebounced<T>(value: T, delay = searchDebounceMs): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/**
 * Userids as tags: type a name, userid or pinyin to search the directory, or type a userid and press
 * Enter to add it as written.
 */
export function MemberSelect({ testId, exclude = [], ...props }: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useMemberSearch(q);
  const options = (q ? (found.data ?? []) : [])
    .filter((member) => !exclude.includes(member.userid))
    .map((member) => ({ value: member.userid, label: `${member.name} (${member.userid})` }));

  return (
    <Select<string[]>
      {...props}
      mode="tags"
      data-testid={testId}
      options={options}
      loading={found.isFetching}
      tokenSeparators={[',', '，', ' ']}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false, autoClearSearchValue: true }}
      onSelect={() => setSearch('')}
      notFoundContent={null}
    />
  );
}
