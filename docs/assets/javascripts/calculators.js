// Mounts every calculator form on the page and talks to the Pyodide worker.
//
// Material for MkDocs swaps page content without reloading under instant
// navigation, so forms are mounted from its document$ observable, which
// emits on the first load and after every navigation. This module itself is
// evaluated once per tab, so one worker (one Pyodide) serves every page.

const STATUS_TEXT = {
  loading: "Loading the live calculator. The worked example is shown meanwhile.",
  loadingLink: "Loading the live calculator to work out the numbers from your link.",
  ready: "Results update as you type.",
  failed: "The live calculator could not be loaded, so the worked example is shown. Reload the page to try again.",
  error: "Something went wrong with this calculation. Change a number to try again.",
  crashed: "The live calculator stopped during that calculation and has restarted. Change a number to try again.",
};

const FIRST_RESULT_MARK = "calculator-first-result";

// The parts of a form that explain its result, rewritten with each one.
const EXPLANATION_PARTS = ["[data-calc-formula]", "[data-calc-sentence]", "[data-calc-warnings]", "[data-calc-chart]"];

// The service worker is registered this long after the runtime is ready:
// its install copies the runtime into its cache, which would otherwise slow
// the calculations of a visitor who starts typing at once.
const SERVICE_WORKER_DELAY_MS = 3000;

// After this many crashes in one tab the live calculator gives up.
const MAX_CRASHES = 3;

// The address bar takes the form's values once typing pauses this long.
const ADDRESS_UPDATE_DELAY_MS = 150;

let worker = null;
let runtimeState = "loading";
let crashCount = 0;
let nextRequestId = 1;
// The address bar update waiting for typing to pause: {form, pathname, timer}.
let addressUpdate = null;
const pendingForms = new Map();
const mountedForms = new Set();
// Each mounted form's worked-example explanation, as the build rendered it.
const workedExamples = new WeakMap();

// Create the worker on first use, so pages without a calculator load no
// Pyodide. A calculator page opened directly has already started one from
// its head (see overrides/main.html). That worker is taken over, together
// with the messages it sent while this module was loading.
function getWorker() {
  if (worker) {
    return worker;
  }
  const early = window.calculatorWorker;
  window.calculatorWorker = undefined;
  worker = early?.worker ?? new Worker(new URL("./calculator-worker.js", import.meta.url), { type: "module" });
  worker.addEventListener("message", (event) => handleWorkerMessage(event.data));
  worker.addEventListener("error", handleWorkerError);
  if (early) {
    early.stop();
    for (const event of early.events) {
      if (event.type === "message") {
        handleWorkerMessage(event.data);
      } else {
        handleWorkerError(event);
      }
    }
  }
  return worker;
}

function handleWorkerError(event) {
  event.preventDefault();
  handleWorkerCrash(event.message ?? String(event));
}

// An uncaught error in the worker. Before Pyodide is ready it means the
// runtime cannot start. After, one calculation broke it: the worker is
// replaced so the next input works, but that calculation is not sent again
// in case it is what crashed it.
function handleWorkerCrash(message) {
  console.error("Calculator worker crashed:", message);
  worker.terminate();
  worker = null;

  if (runtimeState !== "ready" || ++crashCount > MAX_CRASHES) {
    setRuntimeState("failed");
    return;
  }

  const interrupted = new Set(pendingForms.values());
  pendingForms.clear();
  setRuntimeState("loading");
  for (const form of interrupted) {
    if (form.isConnected) {
      showStatus(form, "crashed");
    }
  }
  getWorker();
}

// Cache the runtime for repeat visits and offline use. Registered only
// once the runtime is ready, so its files are in the HTTP cache already.
function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) {
    return;
  }
  const siteRoot = new URL("../../", import.meta.url);
  navigator.serviceWorker
    .register(new URL("service-worker.js", siteRoot), { scope: siteRoot.pathname })
    .catch((error) => console.error("Service worker registration failed:", error));
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
    if (state === "ready" && form.dataset.state === "crashed") {
      // Keep the crash message on screen until the visitor's next input.
      form.dataset.state = state;
      continue;
    }
    showStatus(form, state);
  }
}

// Put back the build-time example, so fields, results and explanation
// match again.
function restoreWorkedExample(form) {
  form.reset();
  delete form.dataset.linkPending;
  for (const output of form.querySelectorAll("output[name]")) {
    output.textContent = output.dataset.example;
  }
  for (const [selector, html] of workedExamples.get(form) ?? []) {
    form.querySelector(selector).innerHTML = html;
  }
  for (const slot of form.querySelectorAll("[data-error-for]")) {
    slot.hidden = true;
  }
  for (const input of fieldsOf(form)) {
    input.removeAttribute("aria-invalid");
  }
}

function showStatus(form, state) {
  form.dataset.state = state;
  const status = form.querySelector("[data-calc-status]");
  if (status) {
    status.textContent = STATUS_TEXT[state === "loading" && form.dataset.linkPending ? "loadingLink" : state];
  }
}

// Until the numbers from a link are computed, show no result rather than
// the worked example's, which would read as the answer for those numbers.
function showLinkPending(form) {
  form.dataset.linkPending = "true";
  for (const output of form.querySelectorAll("output[name]")) {
    output.textContent = "…";
  }
  for (const selector of EXPLANATION_PARTS) {
    form.querySelector(selector).replaceChildren();
  }
  showStatus(form, form.dataset.state);
}

function handleWorkerMessage(message) {
  switch (message?.type) {
    case "ready":
      setRuntimeState("ready");
      setTimeout(registerServiceWorker, SERVICE_WORKER_DELAY_MS);
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
  for (const field of fieldsOf(form)) {
    inputs[field.name] = field.dataset.linkedValue ?? field.value;
  }
  const id = nextRequestId++;
  form.dataset.latestRequest = String(id);
  pendingForms.set(id, form);
  getWorker().postMessage({ type: "evaluate", id, calculator: form.dataset.calculator, inputs });
}

function showEvaluation(form, evaluation) {
  delete form.dataset.linkPending;
  for (const input of fieldsOf(form)) {
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
  showExplanation(form, evaluation);
  announce(form, evaluation);
  form.dataset.shownRequest = form.dataset.latestRequest;
  markFirstResult();

  if (runtimeState === "ready") {
    showStatus(form, "ready");
  }
}

// A User Timing mark when the first live result appears, for DevTools and
// the start-up benchmark (bench/startup.py).
function markFirstResult() {
  if (performance.getEntriesByName(FIRST_RESULT_MARK, "mark").length === 0) {
    performance.mark(FIRST_RESULT_MARK);
  }
}

function fieldsOf(form) {
  return form.querySelectorAll("input[name], select[name]");
}

// Write the formula with numbers, the sentence, warnings and chart.
function showExplanation(form, evaluation) {
  const formula = form.querySelector("[data-calc-formula]");
  formula.replaceChildren();
  evaluation.formula.forEach((line, index) => {
    if (index > 0) {
      formula.append(document.createElement("br"));
    }
    const code = document.createElement("code");
    code.textContent = line;
    formula.append(code);
  });

  form.querySelector("[data-calc-sentence]").textContent = evaluation.sentence;

  const warnings = form.querySelector("[data-calc-warnings]");
  warnings.replaceChildren(
    ...evaluation.warnings.map((text) => {
      const warning = document.createElement("p");
      warning.className = "calc__warning";
      warning.textContent = text;
      return warning;
    }),
  );

  // The chart is SVG markup that calc builds from computed numbers and
  // escapes; no text the visitor typed reaches it.
  form.querySelector("[data-calc-chart]").innerHTML = evaluation.chart;
}

// Tell screen readers the outcome once per change, in one polite message.
function announce(form, evaluation) {
  const region = form.querySelector("[data-calc-announce]");
  const errorCount = Object.keys(evaluation.errors).length;
  if (errorCount > 0) {
    region.textContent = errorCount === 1 ? "One field needs attention." : `${errorCount} fields need attention.`;
    return;
  }
  const parts = [];
  for (const output of form.querySelectorAll(".calc__results output[name]")) {
    const label = form.querySelector(`#${CSS.escape(output.getAttribute("aria-labelledby"))}`);
    parts.push(`${label.textContent}: ${output.textContent}.`);
  }
  region.textContent = [...parts, ...evaluation.warnings].join(" ");
}

// The page address with this form's current values and nothing else, so a
// shared link carries no tracking parameters.
function linkFor(form) {
  const params = new URLSearchParams();
  for (const field of fieldsOf(form)) {
    params.set(field.name, field.value.trim());
  }
  const url = new URL(window.location.href);
  url.search = params.toString();
  url.hash = "calculator";
  return url;
}

// The address bar follows the inputs, so reloading, bookmarking or going
// Back keeps them. It is updated once typing pauses, because in the
// start-up benchmark on a 2-core machine a history.replaceState per input
// made the median recompute 21 ms instead of 4. A click, which may follow a
// link away, or leaving the page writes a pending update at once.
function scheduleAddressUpdate(form) {
  clearTimeout(addressUpdate?.timer);
  const timer = setTimeout(flushAddressUpdate, ADDRESS_UPDATE_DELAY_MS);
  addressUpdate = { form, pathname: window.location.pathname, timer };
}

function flushAddressUpdate() {
  if (!addressUpdate) {
    return;
  }
  const { form, pathname, timer } = addressUpdate;
  clearTimeout(timer);
  addressUpdate = null;

  // After instant navigation to another page, the address is that page's.
  if (form.isConnected && window.location.pathname === pathname) {
    window.history.replaceState(window.history.state, "", linkFor(form));
  }
}

async function copyLink(form) {
  const copied = form.querySelector("[data-calc-copied]");
  const link = linkFor(form).href;
  try {
    await navigator.clipboard.writeText(link);
    copied.textContent = "Link copied.";
  } catch (error) {
    console.error("Copying the calculator link failed:", error);
    copied.textContent = `Copy this link: ${link}`;
  }
}

// Copy query parameters that name a field of this form into the form.
function applyQueryParameters(form) {
  const params = new URLSearchParams(window.location.search);
  const named = [...fieldsOf(form)].filter((field) => params.has(field.name));
  if (named.length === 0) {
    return false;
  }
  for (const field of fieldsOf(form)) {
    if (params.has(field.name)) {
      field.value = params.get(field.name);
      // A select cannot show a value that is not one of its options. Keep
      // what the link said, so calc rejects it with an inline message
      // instead of the form quietly using the default.
      if (field.tagName === "SELECT" && field.value !== params.get(field.name)) {
        field.dataset.linkedValue = params.get(field.name);
      }
    } else if (field.tagName === "INPUT") {
      // A link that names some fields must not mix in the worked example's
      // other values unseen: those fields start empty and say they are required.
      field.value = "";
    }
  }
  return true;
}

function mountForm(form) {
  if (mountedForms.has(form)) {
    return;
  }
  mountedForms.add(form);
  for (const output of form.querySelectorAll("output[name]")) {
    output.dataset.example = output.textContent;
  }
  workedExamples.set(
    form,
    EXPLANATION_PARTS.map((selector) => [selector, form.querySelector(selector).innerHTML]),
  );
  showStatus(form, runtimeState);
  if (runtimeState === "failed") {
    return;
  }

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    delete event.target.dataset.linkedValue;
    form.querySelector("[data-calc-copied]").textContent = "";
    requestEvaluation(form);
    scheduleAddressUpdate(form);
  });

  const actions = form.querySelector("[data-calc-actions]");
  actions.hidden = false;
  actions.querySelector("[data-calc-copy]").addEventListener("click", () => copyLink(form));

  if (applyQueryParameters(form)) {
    showLinkPending(form);
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
  // Forms hidden while a link's numbers were waiting for this script (see
  // calculators.css) are mounted now, and later pages need no hiding.
  delete document.documentElement.dataset.calcLink;
}

// Once the theme's document$ exists, it reports every page, including each
// one instant navigation brings in. Until then the forms are mounted directly.
let followingTheme = false;

function startMounting() {
  if (followingTheme) {
    return;
  }
  if (typeof window.document$?.subscribe === "function") {
    followingTheme = true;
    window.document$.subscribe(mountAll);
  } else {
    mountAll();
  }
}

// Capture runs before the theme's own click handler for instant navigation.
// NOTE: Back within ADDRESS_UPDATE_DELAY_MS of a keystroke still loses it
// from the history entry: the address has changed before any event here.
document.addEventListener("click", flushAddressUpdate, { capture: true });
window.addEventListener("pagehide", flushAddressUpdate);

// A worker started from the head is taken over at once, so its messages
// are handled even before the forms are mounted.
if (window.calculatorWorker) {
  getWorker();
}

// On a calculator page the theme's script runs after this module, and the
// head script then sends DOMContentLoaded again (see overrides/main.html).
document.addEventListener("DOMContentLoaded", startMounting);
if (document.readyState !== "loading") {
  startMounting();
}
