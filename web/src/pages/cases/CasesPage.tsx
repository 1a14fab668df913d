// /cases: the case list — filters (mirrored in the URL), server-side paging and sorting, export.
// /cases/supervised: the same list limited to supervised cases (supervision=any by default).
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, type TableColumnsType, type TableProps, Tooltip, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { caseExportUrl, listCases } from '../../api/cases';
import type { CaseQuery, CaseSort, CaseSummary } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { CASE_WRITE_ROLES, hasAnyRole } from '../../auth/roles';
import { ApiTable } from '../../components/ApiTable';
import { PageTitle } from '../../components/PageTitle';
import { useApi } from '../../hooks/useApi';
import { useFormatAmount, useFormatDate } from '../../hooks/useFormatDateTime';
import { useLabels } from '../../i18n/useLabels';
import { CaseFilters } from './CaseFilters';
import { CaseStatusTag } from './CaseStatusTag';
import { caseQueryToParams, DEFAULT_PAGE_SIZE, DEFAULT_SORT, PAGE_SIZES, parseCaseQuery } from './caseQuery';
import { SupervisionBadge } from './SupervisionBadge';
import { useCategories } from './useCategories';

/** Sortable columns and the server's sort key for each. */
const SORT_KEYS = { caseNo: 'case_no', reportedAt: 'reported_at', filedAt: 'filed_at', solvedAt: 'solved_at' } as const;
type SortColumn = keyof typeof SORT_KEYS;

function orderOf(sort: CaseSort, column: SortColumn): SortOrder {
  const key = SORT_KEYS[column];
  if (sort === key) return 'ascend';
  if (sort === `-${key}`) return 'descend';
  return null;
}

export default function CasesPage({ supervised = false }: { supervised?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const { localName } = useLabels();
  const formatDate = useFormatDate();
  const formatAmount = useFormatAmount();
  const categories = useCategories();
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const query = useMemo(() => parseCaseQuery(new URLSearchParams(paramsKey), supervised), [paramsKey, supervised]);
  const sort = query.sort ?? DEFAULT_SORT;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const result = useApi((signal) => listCases({ ...query, page, pageSize }, signal), [paramsKey, supervised]);

  const update = (patch: Partial<CaseQuery>, keepPage = false) => {
    const next: CaseQuery = { ...query, ...patch };
    if (!keepPage) next.page = undefined;
    setParams(caseQueryToParams(next, supervised));
  };

  const canWrite = hasAnyRole(me, CASE_WRITE_ROLES);
  // A download gives no sign in the page by itself: say it started (a large export takes a while to arrive).
  const downloadStarted = () => message.info({ content: t('download.started'), key: 'download', duration: 4 });
  const caseLink = (c: CaseSummary, text: string, testId?: string) => (
    <Link to={`/cases/${c.id}`} data-testid={testId}>
      {text}
    </Link>
  );

  const columns: TableColumnsType<CaseSummary> = [
    {
      key: 'caseNo',
      title: t('cases.columns.caseNo'),
      // The case number stays in view while the wide table scrolls sideways (dates and loss are at the far right).
      fixed: 'left',
      sorter: true,
      sortOrder: orderOf(sort, 'caseNo'),
      render: (_, c) => caseLink(c, c.caseNo, 'case-link'),
    },
    {
      key: 'title',
      title: t('cases.columns.title'),
      // A long title wraps inside its column instead of pushing the dates and the loss out of view.
      width: 240,
      render: (_, c) => caseLink(c, c.title),
    },
    { key: 'category', title: t('cases.columns.category'), render: (_, c) => categories.name(c.categoryCode) },
    {
      key: 'jurisdiction',
      title: t('cases.columns.jurisdiction'),
      render: (_, c) => localName({ nameZh: c.jurisdictionNameZh, nameEn: c.jurisdictionNameEn }) || c.jurisdictionCode,
    },
    {
      key: 'status',
      title: t('cases.columns.status'),
      render: (_, c) => (
        <Flex gap={4} wrap>
          <CaseStatusTag status={c.status} testId="case-row-status" />
          <SupervisionBadge level={c.supervision} testId="case-row-supervision" />
        </Flex>
      ),
    },
    {
      key: 'reportedAt',
      title: t('cases.columns.reportedAt'),
      className: 'lf-nowrap',
      sorter: true,
      sortOrder: orderOf(sort, 'reportedAt'),
      render: (_, c) => formatDate(c.reportedAt),
    },
    {
      key: 'filedAt',
      title: t('cases.columns.filedAt'),
      className: 'lf-nowrap',
      sorter: true,
      sortOrder: orderOf(sort, 'filedAt'),
      render: (_, c) => formatDate(c.filedAt),
    },
    {
      key: 'solvedAt',
      title: t('cases.columns.solvedAt'),
      className: 'lf-nowrap',
      sorter: true,
      sortOrder: orderOf(sort, 'solvedAt'),
      render: (_, c) => formatDate(c.solvedAt),
    },
    {
      key: 'lossAmount',
      title: t('cases.columns.lossAmount'),
      align: 'right',
      className: 'lf-nowrap',
      render: (_, c) => formatAmount(c.lossAmount),
    },
  ];

  const onTableChange: TableProps<CaseSummary>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'paginate') {
      const nextSize = pagination.pageSize ?? pageSize;
      update({ page: nextSize !== pageSize ? 1 : pagination.current, pageSize: nextSize }, true);
    } else if (extra.action === 'sort') {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const column = one?.columnKey as SortColumn | undefined;
      const key = column ? SORT_KEYS[column] : undefined;
      const nextSort = key && one?.order ? ((one.order === 'descend' ? `-${key}` : key) as CaseSort) : undefined;
      update({ sort: nextSort });
    }
  };

  const data = result.data;
  return (
    <>
      <PageTitle>{supervised ? t('cases.supervisedTitle') : t('cases.title')}</PageTitle>
      {supervised ? <Typography.Paragraph type="secondary">{t('cases.supervisedIntro')}</Typography.Paragraph> : null}
      <div className="lf-stack">
        <Flex wrap gap={8} justify="flex-end" className="lf-toolbar">
          {canWrite ? (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')} data-testid="case-new">
                {t('cases.newCase')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/cases/import')} data-testid="case-import">
                {t('cases.import')}
              </Button>
            </>
          ) : null}
          <Tooltip title={t('cases.exportHint')}>
            <Button icon={<DownloadOutlined />} href={caseExportUrl('csv', query)} download onClick={downloadStarted} data-testid="cases-export-csv">
              {t('cases.exportCsv')}
            </Button>
          </Tooltip>
          <Tooltip title={t('cases.exportHint')}>
            <Button
              icon={<DownloadOutlined />}
              href={caseExportUrl('xlsx', query)}
              download
              onClick={downloadStarted}
              data-testid="cases-export-xlsx"
            >
              {t('cases.exportXlsx')}
            </Button>
          </Tooltip>
        </Flex>
        <Card>
          <div className="lf-stack">
            <CaseFilters query={query} supervised={supervised} onChange={(patch) => update(patch)} onReset={() => setParams(new URLSearchParams())} />
            <ApiTable<CaseSummary>
              data-testid="cases-table"
              rowKey="id"
              result={result}
              columns={columns}
              onChange={onTableChange}
              emptyText={result.loading ? ' ' : t('cases.empty')}
              pagination={{
                current: page,
                pageSize,
                total: data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: PAGE_SIZES.map(String),
                showTotal: (total) => (data?.totalIsEstimate ? t('cases.totalEstimate', { count: total }) : t('common.total', { count: total })),
              }}
            />
          </div>
        </Card>
      </div>
    </>
  );
}
