// ECharts with only what the dashboard draws (line, bar and map series; tooltip, legend, grid and
// visual map; canvas), instead of the whole library that `echarts-for-react`'s default entry pulls in.
// Imported only by the dashboard's chart cards, which load after its figures. (The package's ESM build:
// its lib/ build is CommonJS, whose default export arrives here as an object and breaks rendering.)
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { EChartsReactProps } from 'echarts-for-react/esm/types';

echarts.use([LineChart, BarChart, MapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };

export default function ReactECharts(props: Omit<EChartsReactProps, 'echarts'>) {
  return <ReactEChartsCore echarts={echarts} {...props} />;
}
