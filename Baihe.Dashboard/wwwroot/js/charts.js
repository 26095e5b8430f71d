// Baihe's bridge to Apache ECharts (loaded before this file from Vizor.ECharts' bundle, which defines `echarts`).
// Written for a strict Content-Security-Policy: options arrive as JSON text and are read with JSON.parse, never eval
// or new Function, so script-src needs no 'unsafe-eval'. Options carry no functions; everything is data.
(() => {
    'use strict';

    /** id -> { chart, el, observer, ref, finished } */
    const charts = new Map();

    function dispose(id) {
        const entry = charts.get(id);
        if (!entry) {
            return;
        }
        charts.delete(id);
        entry.observer.disconnect();
        entry.chart.dispose();
    }

    /**
     * Draws (or redraws) the chart in `el`. `dotnetRef` receives OnPointClick(seriesIndex, dataIndex) when a bar,
     * slice or point is clicked; null makes the chart not clickable.
     */
    function render(el, id, json, dotnetRef) {
        let entry = charts.get(id);
        if (entry && entry.el !== el) {
            // Blazor replaced the element (a re-keyed card): the old instance is drawn into a detached node.
            dispose(id);
            entry = undefined;
        }
        if (!entry) {
            const chart = echarts.init(el, null, { renderer: 'svg' });
            // The card's width follows the layout (drawer open, phone rotated), not only the window.
            const observer = new ResizeObserver(() => chart.resize());
            observer.observe(el);
            entry = { chart, el, observer, ref: null, finished: false };
            chart.on('click', p => {
                if (entry.ref && p.componentType === 'series' && p.dataIndex >= 0) {
                    entry.ref.invokeMethodAsync('OnPointClick', p.seriesIndex, p.dataIndex);
                }
            });
            chart.on('finished', () => { entry.finished = true; });
            charts.set(id, entry);
        }
        entry.ref = dotnetRef;
        entry.finished = false;
        entry.chart.setOption(JSON.parse(json), { notMerge: true });
    }

    /** Where each drawn bar, slice or point is, relative to the chart's element, for tests that click every one. */
    function points(id) {
        const entry = charts.get(id);
        if (!entry) {
            return [];
        }
        const chart = entry.chart;
        const options = chart.getOption();
        const result = [];
        (options.series || []).forEach((series, s) => {
            const data = chart.getModel().getSeriesByIndex(s).getData();
            for (let i = 0; i < data.count(); i++) {
                const raw = series.data[i];
                const value = raw !== null && typeof raw === 'object' ? raw.value : raw;
                if (value === null || value === undefined || value === '-') {
                    continue;
                }
                const layout = data.getItemLayout(i);
                let x, y;
                if (series.type === 'pie') {
                    const mid = (layout.startAngle + layout.endAngle) / 2;
                    const r = (layout.r + layout.r0) / 2;
                    x = layout.cx + Math.cos(mid) * r;
                    y = layout.cy + Math.sin(mid) * r;
                } else if (series.type === 'line') {
                    [x, y] = chart.convertToPixel({ seriesIndex: s }, [i, value]);
                } else if (layout) {
                    x = layout.x + layout.width / 2;
                    y = layout.y + layout.height / 2;
                }
                if (Number.isFinite(x) && Number.isFinite(y)) {
                    result.push({ series: s, index: i, value: Number(value), x, y });
                }
            }
        });
        return result;
    }

    /** Whether the chart has drawn its last options (animations included), so a test may click it. */
    function ready(id) {
        const entry = charts.get(id);
        return !!entry && entry.finished;
    }

    window.baiheCharts = { render, dispose, points, ready };
})();
