// Step 2: rank the outputs best to worst by placing them into rank slots (several in one slot are tied), by HTML5
// drag and drop, by the keyboard (1-9 into that slot, arrows up/down one slot, 0/Delete out, arrows left/right between cards),
// or by tapping a card and then a slot (touch screens, which have neither).
import { el } from "./dom.js";

const DRAG_TYPE = "text/plain";

/**
 * Renders the slots into <container>. draft.ranks maps an output label to its slot (1 = best); a label without one
 * waits in the "Not ranked yet" area. onChange() runs after every move.
 */
export function renderRanking(container, task, draft, onChange) {
  const count = task.outputs.length;
  const snippet = new Map(task.outputs.map((o) => [o.label, firstLine(o.text)]));
  let picked = null; // the card tapped last, waiting for a slot

  const move = (label, rank) => {
    picked = null;
    if (rank === null) delete draft.ranks[label];
    else draft.ranks[label] = Math.min(Math.max(rank, 1), count);
    draw(label);
    onChange();
  };

  const card = (label) => el("div", {
    class: label === picked ? "rank-card picked" : "rank-card", tabindex: 0, draggable: "true", role: "button",
    "aria-pressed": label === picked ? "true" : "false",
    "aria-label": `Output ${label}, ${draft.ranks[label] ? `rank ${draft.ranks[label]}` : "not ranked"}. Press 1 to ${Math.min(count, 9)} to rank it.`,
    dataset: { output: label },
    on: {
      dragstart: (e) => {
        e.dataTransfer.setData(DRAG_TYPE, label);
        e.dataTransfer.effectAllowed = "move";
        e.currentTarget.classList.add("dragging");
      },
      dragend: (e) => e.currentTarget.classList.remove("dragging"),
      keydown: (e) => onKey(e, label),
      click: (e) => {
        e.stopPropagation();
        picked = picked === label ? null : label;
        draw(label);
      },
    },
  }, el("span", { class: "rank-letter", text: label }), el("span", { class: "rank-snippet", text: snippet.get(label) }));

  const dropZone = (node, rank) => {
    node.addEventListener("click", () => {
      if (picked) move(picked, rank);
    });
    node.addEventListener("dragover", (e) => {
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      node.classList.add("over");
    });
    node.addEventListener("dragleave", () => node.classList.remove("over"));
    node.addEventListener("drop", (e) => {
      e.preventDefault();
      node.classList.remove("over");
      const label = e.dataTransfer.getData(DRAG_TYPE);
      if (snippet.has(label)) move(label, rank);
    });
    return node;
  };

  const onKey = (e, label) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const rank = draft.ranks[label] ?? null;
    if (/^[1-9]$/.test(e.key) && Number(e.key) <= count) move(label, Number(e.key));
    else if (e.key === "0" || e.key === "Delete" || e.key === "Backspace") move(label, null);
    else if (e.key === "ArrowUp") move(label, rank === null ? count : Math.max(1, rank - 1));
    else if (e.key === "ArrowDown") move(label, rank === null ? 1 : rank === count ? null : rank + 1);
    else if (e.key === "ArrowLeft" || e.key === "ArrowRight") focusNeighbour(label, e.key === "ArrowRight" ? 1 : -1);
    else return;
    e.preventDefault();
  };

  const focusNeighbour = (label, step) => {
    const cards = [...container.querySelectorAll(".rank-card")];
    const i = cards.findIndex((c) => c.dataset.output === label);
    const next = cards[(i + step + cards.length) % cards.length];
    if (next) next.focus();
  };

  const draw = (focusLabel) => {
    const labels = task.outputs.map((o) => o.label);
    const slots = [];
    for (let rank = 1; rank <= count; rank++) {
      const here = labels.filter((l) => draft.ranks[l] === rank);
      const name = rank === 1 ? "best" : rank === count ? "worst" : "";
      slots.push(dropZone(el("div", { class: "rank-slot", dataset: { rank }, role: "group", "aria-label": `Rank ${rank}${name ? ` (${name})` : ""}` },
        el("div", { class: "slot-name" }, el("span", { class: "slot-number", text: rank }), name ? el("small", { text: name }) : null),
        el("div", { class: "slot-cards" }, ...here.map(card),
          here.length === 0 ? el("span", { class: "slot-empty", text: "drop here" }) : null)), rank));
    }
    const waiting = labels.filter((l) => !draft.ranks[l]);
    const pool = dropZone(el("div", { class: "rank-pool", role: "group", "aria-label": "Not ranked yet" },
      el("div", { class: "slot-name" }, el("span", { text: "Not ranked yet" })),
      el("div", { class: "slot-cards" }, ...waiting.map(card),
        waiting.length === 0 ? el("span", { class: "slot-empty", text: "every output is ranked" }) : null)), null);
    container.replaceChildren(pool, el("div", { class: "rank-slots" }, ...slots));
    if (focusLabel) container.querySelector(`.rank-card[data-output="${focusLabel}"]`)?.focus();
  };

  draw(null);
}

function firstLine(text) {
  const line = String(text).split("\n").find((l) => l.trim() !== "") ?? "";
  return line.length > 140 ? `${line.slice(0, 140)}…` : line || "(empty output)";
}

/** The submission's ranking: the non-empty slots, best first, each with its tied outputs in label order. */
export function rankingOf(task, draft) {
  const byRank = new Map();
  for (const output of task.outputs) {
    const rank = draft.ranks[output.label];
    if (!rank) continue;
    if (!byRank.has(rank)) byRank.set(rank, []);
    byRank.get(rank).push(output.label);
  }
  return [...byRank.keys()].sort((a, b) => a - b).map((rank) => byRank.get(rank).sort());
}

/** What step 2 still lacks, in words. */
export function missingRanking(task, draft) {
  const missing = task.outputs.filter((o) => !draft.ranks[o.label]).map((o) => `Output ${o.label} is not ranked`);
  if (missing.length === 0 && rankingOf(task, draft).length < 2) missing.push("All outputs are in one rank slot: use at least two slots");
  return missing;
}
