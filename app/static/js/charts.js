/* Draws the plotly figures prepared by the server: each [data-plotly] element holds its figure as
 * JSON in a <script type="application/json"> child. The charts are a visual summary: the same
 * figures are in a table next to them, so the plots carry no controls and are hidden from screen
 * readers. */
(function () {
  "use strict";
  if (!window.Plotly) {
    return;
  }
  document.querySelectorAll("[data-plotly]").forEach(function (element) {
    var source = element.querySelector('script[type="application/json"]');
    if (!source) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    var layout = Object.assign({}, figure.layout || {}, { autosize: true });
    window.Plotly.newPlot(element, figure.data, layout, {
      responsive: true,
      displayModeBar: false,
    }).then(function () {
      // points that carry a page address (stakeholders on the grid) open it when clicked
      element.on("plotly_click", function (event) {
        var url = event.points && event.points[0] && event.points[0].customdata;
        if (typeof url === "string" && url.charAt(0) === "/") {
          window.location.assign(url);
        }
      });
    });
  });
})();
