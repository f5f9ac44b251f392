"""Printed reports (the general-assembly PDF): plain Python, no Flask import.

The PDF must be generated in well under 2 seconds, so its charts are drawn directly as SVG
(`svgcharts`) instead of exporting the plotly figures of the web pages through a headless browser.
"""
