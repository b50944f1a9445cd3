import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts a bar chart needs, named one by one so the bundle leaves the rest of ECharts out.
use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export { init };
