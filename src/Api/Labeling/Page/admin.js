// The admin view (API key): the batches with their status and progress, and the agreement of a chosen batch.
import { api } from "./api.js";
import { $, el, percent, show } from "./dom.js";

export function startAdmin(report) {
  const loadBatches = async () => {
    try {
      const list = await api.batches();
      const rows = list.data.map(batchRow);
      $("batches").tBodies[0].replaceChildren(...rows);
      show($("no-batches"), rows.length === 0);
    } catch (e) {
      report(e.message, true, e);
    }
  };

  const batchRow = (batch) => {
    const p = batch.progress || {};
    const labeling = typeof p.labeling === "number" ? p.labeling : 0;
    return el("tr", { dataset: { batch: batch.id } },
      el("th", { scope: "row" }, batch.name ? [el("span", { class: "batch-name", text: batch.name }), el("br")] : null, el("code", { text: batch.id })),
      el("td", {}, el("span", { class: `status status-${batch.status}`, text: batch.status }),
        batch.status === "sampling" || batch.status === "queued" ? ` ${percent(p.sampling)}` : null,
        batch.error ? el("div", { class: "error-text", text: batch.error.message || String(batch.error) }) : null),
      el("td", { text: (batch.models || []).join(", ") }),
      el("td", { class: "num", text: p.tasks ?? "–" }),
      el("td", { class: "num", text: `${p.submissions ?? 0} / ${p.required_submissions ?? 0}` }),
      el("td", { class: "num", text: p.skips ?? 0 }),
      el("td", {}, el("progress", { max: 1, value: labeling, "aria-label": `Labeling progress of ${batch.name || batch.id}` }), ` ${percent(labeling)}`),
      el("td", {}, el("button", { type: "button", class: "agreement-button", text: "Show agreement", on: { click: () => loadAgreement(batch) } })));
  };

  const statsRow = (name, s) => el("tr", {},
    el("th", { scope: "row", text: name }),
    el("td", { class: "num", text: s.tasks }), el("td", { class: "num", text: s.pairs }),
    el("td", { class: "num", text: s.agreements }), el("td", { class: "num", text: percent(s.rate) }));

  const emptyRow = (text) => el("tr", {}, el("td", { colspan: 5, class: "empty", text }));

  const loadAgreement = async (batch) => {
    try {
      const a = await api.agreement(batch.id);
      $("agreement-title").textContent = `Agreement · ${batch.name || batch.id}`;
      const o = a.overall;
      $("agreement-overall").textContent = `Overall ${percent(o.rate)}: ${o.agreements} of ${o.pairs} output pairs agree, over ${o.tasks} ${o.tasks === 1 ? "task" : "tasks"} ranked by two labelers.`;
      const pairs = a.labeler_pairs.map((p) => statsRow(p.labelers.join(" · "), p));
      $("agreement-pairs").tBodies[0].replaceChildren(...(pairs.length ? pairs : [emptyRow("No task has been ranked by two labelers yet.")]));
      $("reference-title").textContent = `With the ${a.reference_labeler || "simulated labeler"}`;
      const reference = a.reference.map((r) => statsRow(r.labeler, r));
      $("agreement-reference").tBodies[0].replaceChildren(...(reference.length ? reference : [emptyRow("No submissions yet.")]));
      show($("agreement"));
      $("agreement").scrollIntoView({ block: "nearest" });
    } catch (e) {
      report(e.message, true, e);
    }
  };

  $("refresh-batches").addEventListener("click", loadBatches);
  show($("admin"));
  loadBatches();
}
