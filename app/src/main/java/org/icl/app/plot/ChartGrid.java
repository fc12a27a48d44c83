package org.icl.app.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.imageio.ImageIO;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Several charts drawn side by side, row by row, into one PNG and one SVG: a figure of panels, written like one
 * chart ({@link PlotStyle.Figure#write}). Each cell is as wide as the widest chart of its column and as high as the highest of its row.
 */
final class ChartGrid {

    private final List<? extends Chart<?, ?>> charts;
    private final int[] widths;
    private final int[] heights;

    /** Lays {@code charts} out {@code columns} to a row. */
    ChartGrid(List<? extends Chart<?, ?>> charts, int columns) {
        this.charts = List.copyOf(charts);
        int across = Math.min(columns, this.charts.size());
        widths = new int[across];
        heights = new int[(this.charts.size() + across - 1) / across];
        for (int i = 0; i < this.charts.size(); i++) {
            widths[i % across] = Math.max(widths[i % across], this.charts.get(i).getWidth());
            heights[i / across] = Math.max(heights[i / across], this.charts.get(i).getHeight());
        }
    }

    /** The grid as PNG and SVG, like {@link PlotStyle#encode} for one chart. */
    PlotStyle.Figure encode() {
        int width = sum(widths, widths.length);
        int height = sum(heights, heights.length);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paint(g, width, height);
        g.dispose();
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return new PlotStyle.Figure(png.toByteArray(), svg(width, height));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw a grid of " + charts.size() + " charts", e);
        }
    }

    /**
     * Each chart's own SVG placed in one document as a nested svg element at its cell: about as fast as the charts'
     * SVGs one by one, where painting the whole grid into one vector canvas took seconds (its SVG writer slows down
     * with the number of shapes).
     */
    private byte[] svg(int width, int height) {
        StringBuilder svg = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\"")
                .append(" width=\"").append(width).append("px\" height=\"").append(height).append("px\"")
                .append(" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n")
                .append("<rect width=\"").append(width).append("\" height=\"").append(height).append("\" style=\"fill:rgb(255,255,255);stroke:none;\"/>\n");
        for (int i = 0; i < charts.size(); i++) {
            String chart = new String(PlotStyle.svg(charts.get(i)), StandardCharsets.UTF_8);
            String place = " x=\"" + sum(widths, i % widths.length) + "px\" y=\"" + sum(heights, i / widths.length) + "px\"";
            // from the chart's root element on, placed at its cell, its clip ids made unique within the grid
            svg.append(chart.substring(chart.indexOf("<svg")).replaceFirst(" x=\"0px\" y=\"0px\"", place)
                    .replace("id=\"clip", "id=\"chart" + i + "-clip").replace("url(#clip", "url(#chart" + i + "-clip"));
        }
        return svg.append("</svg>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private void paint(Graphics2D g, int width, int height) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        AffineTransform origin = g.getTransform();
        for (int i = 0; i < charts.size(); i++) {
            Chart<?, ?> chart = charts.get(i);
            g.setTransform(origin);
            g.translate(sum(widths, i % widths.length), sum(heights, i / widths.length));
            chart.paint(g, chart.getWidth(), chart.getHeight());
        }
        g.setTransform(origin);
    }

    private static int sum(int[] sizes, int count) {
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += sizes[i];
        }
        return total;
    }
}
