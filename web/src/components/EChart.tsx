/**
 * An ECharts chart that follows its container's size. Only the chart types the explorer uses are
 * registered (a full echarts import would triple the bundle). SVG rendering keeps text selectable and
 * lets browser tests read labels such as "QĐ. Hoàng Sa".
 */
import { useEffect, useRef } from "react";
import { BarChart, LineChart, MapChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  LineChart,
  MapChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;

export function EChart(props: {
  option: EChartsOption;
  height: number | string;
  onClick?: (params: { name?: string; data?: unknown; seriesType?: string }) => void;
  ariaLabel: string;
  testId?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onClick = useRef(props.onClick);
  onClick.current = props.onClick;

  useEffect(() => {
    const element = container.current!;
    const instance = echarts.init(element, undefined, { renderer: "svg" });
    chart.current = instance;
    instance.on("click", (params) => onClick.current?.(params as never));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={props.ariaLabel}
      data-testid={props.testId}
      style={{ width: "100%", height: props.height }}
    />
  );
}
