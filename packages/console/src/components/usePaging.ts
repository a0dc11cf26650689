import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';

/**
 * A table's page and page size. Changing the size goes back to the first page (the old page number would point
 * elsewhere); `firstPage` is for when the filters change.
 */
export function usePaging(initialPageSize: number) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const pagination = (total: number, options: Omit<TablePaginationConfig, 'current' | 'pageSize' | 'total' | 'onChange'> = {}): TablePaginationConfig => ({
    showSizeChanger: true,
    ...options,
    current: page,
    pageSize,
    total,
    onChange: (nextPage, nextSize) => {
      setPage(nextSize === pageSize ? nextPage : 1);
      setPageSize(nextSize);
    },
  });
  return { page, pageSize, firstPage: () => setPage(1), pagination };
}
