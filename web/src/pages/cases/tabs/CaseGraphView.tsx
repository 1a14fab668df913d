// Graph tab body (lazy-loaded with cytoscape, its own chunk): the case's network — cases,
// persons and identifiers (phones, accounts, plates…) — coloured by type. Clicking a case node
// opens that case.   data-testid="case-graph" (the canvas container)
import { ExpandOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Spin, Typography } from 'antd';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { getCaseGraph } from '../../../api/cases';
import type { CaseGraph } from '../../../api/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useApi } from '../../../hooks/useApi';
import { translateKey } from '../../../i18n/translateKey';

export const GRAPH_COLOURS = {
  current: '#b91c1c',
  case: '#1d4ed8',
  person: '#d97706',
  identifier: '#059669',
} as const;

/** Edge kinds are party roles, identifier kinds, "linked" or "party"; shown translated. */
function edgeLabel(kind: string): string {
  return translateKey(`partyRoles.${kind}`) ?? translateKey(`identifierKinds.${kind}`) ?? translateKey(`cases.graph.edge.${kind}`) ?? kind;
}

/** Identifier labels start with their kind ("phone 138…"): translate that word. */
function nodeLabel(type: string, label: string): string {
  if (type !== 'identifier') return label;
  const space = label.indexOf(' ');
  const kind = space > 0 ? translateKey(`identifierKinds.${label.slice(0, space)}`) : undefined;
  return kind ? `${kind} ${label.slice(space + 1)}` : label;
}

function elementsOf(graph: CaseGraph, currentCaseId: string): ElementDefinition[] {
  const ids = new Set<string>();
  const nodes: ElementDefinition[] = [];
  for (const node of graph.nodes) {
    if (ids.has(node.id)) continue;
    ids.add(node.id);
    const current = node.type === 'case' && node.caseId === currentCaseId;
    nodes.push({
      data: { id: node.id, label: nodeLabel(node.type, node.label), type: node.type, caseId: node.caseId ?? '', current: current ? 'yes' : 'no' },
    });
  }
  const seen = new Set<string>();
  const edges: ElementDefinition[] = [];
  for (const edge of graph.edges) {
    const key = `${edge.source}|${edge.target}|${edge.kind}`;
    if (!ids.has(edge.source) || !ids.has(edge.target) || seen.has(key)) continue; // never let a dangling edge break the view
    seen.add(key);
    edges.push({ data: { id: `e${edges.length}`, source: edge.source, target: edge.target, kind: edgeLabel(edge.kind) } });
  }
  return [...nodes, ...edges];
}

export default function CaseGraphView({ caseId, version }: { caseId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const result = useApi((signal) => getCaseGraph(caseId, signal), [caseId, version]);
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const graph = result.data;
  const empty = !graph || graph.nodes.length <= 1;

  useEffect(() => {
    if (!graph || !container.current || graph.nodes.length === 0) return;
    const cy = cytoscape({
      container: container.current,
      elements: elementsOf(graph, caseId),
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': 11,
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-wrap': 'ellipsis',
            'text-max-width': '140px',
            color: '#1f2937',
            width: 22,
            height: 22,
          },
        },
        {
          selector: 'node[type = "case"]',
          style: {
            'background-color': GRAPH_COLOURS.case,
            shape: 'round-rectangle',
            width: 30,
            height: 30,
            'text-wrap': 'wrap',
            'text-max-width': '180px',
          },
        },
        { selector: 'node[current = "yes"]', style: { 'background-color': GRAPH_COLOURS.current, width: 38, height: 38, 'font-weight': 'bold' } },
        { selector: 'node[type = "person"]', style: { 'background-color': GRAPH_COLOURS.person, shape: 'ellipse' } },
        { selector: 'node[type = "identifier"]', style: { 'background-color': GRAPH_COLOURS.identifier, shape: 'diamond' } },
        {
          selector: 'edge',
          style: {
            width: 1.5,
            'line-color': '#9ca3af',
            'curve-style': 'bezier',
            label: 'data(kind)',
            'font-size': 9,
            color: '#6b7280',
            'text-rotation': 'autorotate',
          },
        },
        {
          selector: 'node[type = "case"][current = "no"]:active, node[type = "case"][current = "no"]:selected',
          style: { 'border-width': 3, 'border-color': '#93c5fd' },
        },
      ],
      layout: { name: 'cose', animate: false, padding: 24, nodeRepulsion: () => 8000, idealEdgeLength: () => 80 },
    });
    // A small network would be blown up to fill the box: keep labels at a readable size.
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center();
    }
    cy.on('tap', 'node[type = "case"]', (event) => {
      const target = event.target as cytoscape.NodeSingular;
      const other = String(target.data('caseId') ?? '');
      if (other && other !== caseId) void navigate(`/cases/${other}`);
    });
    cy.on('mouseover', 'node[type = "case"][current = "no"]', () => {
      if (container.current) container.current.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node', () => {
      if (container.current) container.current.style.cursor = '';
    });
    cyRef.current = cy;
    return () => {
      cyRef.current = null;
      cy.destroy();
    };
    // i18n.language: labels are translated when the elements are built.
  }, [graph, caseId, navigate, i18n.language]);

  if (result.error) return <ErrorAlert error={result.error} onRetry={result.reload} />;
  if (!graph) return <Spin />;

  return (
    <div className="lf-stack">
      <Flex wrap gap={16} align="center" justify="space-between">
        <Flex wrap gap={16} align="center" aria-label={t('cases.graph.legend')}>
          {(
            [
              ['current', t('cases.graph.current')],
              ['case', t('cases.graph.case')],
              ['person', t('cases.graph.person')],
              ['identifier', t('cases.graph.identifier')],
            ] as const
          ).map(([key, text]) => (
            <span key={key} className="lf-legend-item">
              <span className={`lf-legend-swatch lf-legend-${key}`} style={{ background: GRAPH_COLOURS[key] }} aria-hidden />
              {text}
            </span>
          ))}
        </Flex>
        <Button size="small" icon={<ExpandOutlined />} onClick={() => cyRef.current?.fit(undefined, 24)}>
          {t('cases.graph.fit')}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{t('cases.graph.hint')}</Typography.Text>
      {empty ? <Empty description={t('cases.graph.empty')} /> : null}
      <div
        ref={container}
        className="lf-case-graph"
        data-testid="case-graph"
        data-nodes={graph.nodes.length}
        data-edges={graph.edges.length}
        style={empty ? { display: 'none' } : undefined}
      />
    </div>
  );
}
