// Follows the print jobs that are still running: progress, then the download link.
(function () {
  "use strict";
  function follow(row) {
    const bar = row.querySelector("progress");
    const status = row.querySelector(".job-status");
    const timer = setInterval(async function () {
      const response = await fetch(row.dataset.jobUrl, { headers: { Accept: "application/json" } });
      if (!response.ok) { clearInterval(timer); return; }
      const job = await response.json();
      bar.max = job.total;
      bar.value = job.done;
      status.textContent = job.status_label + " " + job.done + "/" + job.total;
      if (job.status === "done" || job.status === "failed") {
        clearInterval(timer);
        row.querySelector(".job-retry").hidden = job.status !== "failed";
        if (job.pdf) {
          const link = document.createElement("a");
          link.href = job.pdf;
          link.textContent = row.closest("table").dataset.download || "PDF";
          row.querySelector(".job-pdf").prepend(link);
        }
        const report = row.querySelector(".job-report");
        for (const [serial, name, reason] of job.report) {
          const item = document.createElement("li");
          item.textContent = "#" + serial + " " + name + ": " + reason;
          report.append(item);
        }
      }
    }, 1000);
  }
  document.querySelectorAll("tr[data-job-url]").forEach(function (row) {
    if (row.dataset.status === "queued" || row.dataset.status === "running") follow(row);
  });
})();
