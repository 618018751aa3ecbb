// Mounts every calculator form on the page and talks to the Pyodide worker.
//
// Material for MkDocs swaps page content without reloading under instant
// navigation, so forms are mounted from its document$ observable, which
// emits on the first load and after every navigation. This module itself is
// evaluated once per tab, so one worker (one Pyodide) serves every page.

const STATUS_TEXT = {
  loading: "Loading the live calculator. The worked example is shown meanwhile.",
  ready: "Results update as you type.",
  failed: "The live calculator could not be loaded, so the worked example is shown. Reload the page to try again.",
  error: "Something went wrong with this calculation. Change a number to try again.",
};

let worker = null;
let runtimeState = "loading";
let nextRequestId = 1;
const pendingForms = new Map();
const mountedForms = new Set();

// Create the worker on first use, so pages without a calculator load no Pyodide.
function getWorker() {
  if (worker) {
    return worker;
  }
  worker = new Worker(new URL("./calculator-worker.js", import.meta.url), { type: "module" });
  worker.addEventListener("message", (event) => handleWorkerMessage(event.data));
  worker.addEventListener("error", (event) => {
    console.error("Calculator worker failed to start:", event.message ?? event);
    setRuntimeState("failed");
  });
  return worker;
}

function setRuntimeState(state) {
  runtimeState = state;
  for (const form of mountedForms) {
    if (!form.isConnected) {
      continue;
    }
    if (state === "failed") {
      restoreWorkedExample(form);
    }
    showStatus(form, state);
  }
}

// Put back the build-time example, so fields and results match again.
function restoreWorkedExample(form) {
  form.reset();
  for (const output of form.querySelectorAll("output[name]")) {
    output.textContent = output.dataset.example;
  }
  for (const slot of form.querySelectorAll("[data-error-for]")) {
    slot.hidden = true;
  }
  for (const input of form.querySelectorAll("input[name]")) {
    input.removeAttribute("aria-invalid");
  }
}

function showStatus(form, state) {
  form.dataset.state = state;
  const status = form.querySelector("[data-calc-status]");
  if (status) {
    status.textContent = STATUS_TEXT[state];
  }
}

function handleWorkerMessage(message) {
  switch (message?.type) {
    case "ready":
      setRuntimeState("ready");
      return;
    case "failed":
      setRuntimeState("failed");
      return;
    case "result":
    case "error": {
      const form = pendingForms.get(message.id);
      pendingForms.delete(message.id);
      // A reply to a superseded request or an unmounted page is dropped.
      if (!form || !form.isConnected || Number(form.dataset.latestRequest) !== message.id) {
        return;
      }
      if (message.type === "result") {
        showEvaluation(form, message.evaluation);
      } else {
        showStatus(form, "error");
      }
      return;
    }
    default:
      console.error("Calculator page rejected a worker message of unknown type:", message);
  }
}

// Send the form's current field text to the worker.
function requestEvaluation(form) {
  const inputs = {};
  for (const input of form.querySelectorAll("input[name]")) {
    inputs[input.name] = input.value;
  }
  const id = nextRequestId++;
  form.dataset.latestRequest = String(id);
  pendingForms.set(id, form);
  getWorker().postMessage({ type: "evaluate", id, calculator: form.dataset.calculator, inputs });
}

function showEvaluation(form, evaluation) {
  for (const input of form.querySelectorAll("input[name]")) {
    const message = evaluation.errors[input.name];
    const slot = form.querySelector(`[data-error-for="${input.name}"]`);
    if (message) {
      input.setAttribute("aria-invalid", "true");
      slot.textContent = message;
      slot.hidden = false;
    } else {
      input.removeAttribute("aria-invalid");
      slot.textContent = "";
      slot.hidden = true;
    }
  }

  for (const output of form.querySelectorAll("output[name]")) {
    output.textContent = evaluation.results[output.name] ?? "—";
  }
  form.dataset.shownRequest = form.dataset.latestRequest;

  if (runtimeState === "ready") {
    showStatus(form, "ready");
  }
}

// Copy query parameters that name a field of this form into the form.
function applyQueryParameters(form) {
  const params = new URLSearchParams(window.location.search);
  let applied = false;
  for (const input of form.querySelectorAll("input[name]")) {
    if (params.has(input.name)) {
      input.value = params.get(input.name);
      applied = true;
    }
  }
  return applied;
}

function mountForm(form) {
  if (mountedForms.has(form)) {
    return;
  }
  mountedForms.add(form);
  for (const output of form.querySelectorAll("output[name]")) {
    output.dataset.example = output.textContent;
  }
  showStatus(form, runtimeState);
  if (runtimeState === "failed") {
    return;
  }

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", () => requestEvaluation(form));

  if (applyQueryParameters(form)) {
    requestEvaluation(form);
  } else {
    getWorker();
  }
}

function mountAll() {
  for (const form of mountedForms) {
    if (!form.isConnected) {
      mountedForms.delete(form);
    }
  }
  document.querySelectorAll("form[data-calculator]").forEach(mountForm);
}

if (typeof window.document$?.subscribe === "function") {
  window.document$.subscribe(mountAll);
} else {
  mountAll();
}
