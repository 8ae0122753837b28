// The review site's behaviour: sortable tables, the filter of the front page, and the page
// viewer that shows a value on its page. Plain JavaScript, no library, no network.
"use strict";

function cellValue(row, index) {
  const cell = row.cells[index];
  if (!cell) return "";
  const marked = cell.querySelector("[data-sort]");
  return (marked ? marked.getAttribute("data-sort") : cell.textContent).trim();
}

function compareValues(a, b) {
  const x = parseFloat(a), y = parseFloat(b);
  const numeric = a !== "" && b !== "" && !isNaN(x) && !isNaN(y) && isFinite(a) && isFinite(b);
  return numeric ? x - y : a.localeCompare(b, "sv");
}

function sortTable(table, index, heading) {
  const body = table.tBodies[0];
  const ascending = heading.getAttribute("aria-sort") !== "ascending";
  table.querySelectorAll("th").forEach((th) => th.removeAttribute("aria-sort"));
  heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const rows = Array.from(body.rows);
  rows.sort((r, s) => {
    const order = compareValues(cellValue(r, index), cellValue(s, index));
    return ascending ? order : -order;
  });
  rows.forEach((row) => body.appendChild(row));
}

function makeSortable(table) {
  table.querySelectorAll("thead th").forEach((heading, index) => {
    heading.addEventListener("click", () => sortTable(table, index, heading));
  });
}

function applyFilters(tableId) {
  const table = document.getElementById(tableId);
  if (!table) return;
  const text = (document.getElementById("filter") || { value: "" }).value.trim().toLowerCase();
  const verdict = (document.getElementById("verdict-filter") || { value: "" }).value;
  let shown = 0;
  Array.from(table.tBodies[0].rows).forEach((row) => {
    const words = row.textContent.toLowerCase();
    const verdictText = (row.querySelector(".verdict") || { textContent: "" }).textContent;
    const visible = words.includes(text) && (!verdict || verdictText === verdict);
    row.hidden = !visible;
    if (visible) shown += 1;
  });
  const count = document.getElementById("shown-count");
  if (count) count.textContent = shown + " of " + table.tBodies[0].rows.length + " shown";
}

function showValue(link) {
  const viewer = document.getElementById("viewer");
  const image = document.getElementById("viewer-img");
  const highlight = document.getElementById("viewer-hl");
  document.querySelectorAll(".v.active").forEach((v) => v.classList.remove("active"));
  link.classList.add("active");
  const box = link.getAttribute("data-hl");
  highlight.hidden = !box;
  if (box) {
    const [left, top, width, height] = box.split(",");
    Object.assign(highlight.style, {
      left: left + "%", top: top + "%", width: width + "%", height: height + "%",
    });
  }
  const page = link.getAttribute("data-page");
  document.getElementById("viewer-where").textContent =
    "page " + page + (box ? "" : " (no box recorded for this value: the whole page is shown)");
  document.getElementById("viewer-flags").textContent = link.getAttribute("title") || "";
  image.setAttribute("src", link.getAttribute("href"));
  viewer.hidden = false;
  document.body.classList.add("viewing");
  if (box) {
    const scroll = () => {
      const sheet = document.getElementById("viewer-sheet");
      viewer.scrollTop = sheet.offsetTop + image.clientHeight * parseFloat(box.split(",")[1]) / 100 - 80;
    };
    if (image.complete && image.naturalWidth) scroll(); else image.addEventListener("load", scroll, { once: true });
  }
}

function closeViewer() {
  document.getElementById("viewer").hidden = true;
  document.body.classList.remove("viewing");
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.sortable").forEach(makeSortable);
  document.querySelectorAll("[data-filter-for]").forEach((control) => {
    const tableId = control.getAttribute("data-filter-for");
    control.addEventListener("input", () => applyFilters(tableId));
    applyFilters(tableId);
  });
  if (document.getElementById("viewer")) {
    document.addEventListener("click", (event) => {
      const link = event.target.closest("a.v");
      if (!link) return;
      event.preventDefault();
      showValue(link);
    });
    document.getElementById("viewer-close").addEventListener("click", closeViewer);
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") closeViewer(); });
  }
});
