/*
 * rag-chat: the embeddable chat widget of the rag service. Plain modern JavaScript, no build step.
 *
 * One tag:       <script src="https://host/widget.js" data-endpoint="https://host" defer></script>
 *                (adds a launcher button at the bottom right of the page)
 * Or an element: <rag-chat endpoint="https://host"></rag-chat>, <rag-chat inline></rag-chat>
 *                (after loading the script; `inline` renders the panel in the page flow)
 *
 * Attributes (on the script tag with a `data-` prefix, or on <rag-chat>): endpoint (default: where
 * widget.js came from), data-lang (fr|en; default: <html lang>), inline, data-mount="none" on the
 * script tag to add no launcher, data-api-key when the service requires keys (anyone reading the
 * page sees it: give the widget a key of its own, and rely on the service's rate limits),
 * data-filters (a JSON object sent as `filters` with each question, restricting retrieval:
 * data-filters='{"doc_id": ["a", "b"], "date": {"gte": "2022-01-06"}}'; `filters` on
 * <rag-chat>). Everything lives in a shadow root; the only global is the custom
 * element registration. Data from the service is rendered as text, never parsed as HTML.
 * Answers come markup-escaped (CommonMark-safe: "<" as "&lt;", "*" as "\\*"), so their escapes
 * are decoded first (`plainText`) and the characters, "<" included, set as text.
 */
(() => {
  "use strict";

  const TAG = "rag-chat";
  if (window.customElements.get(TAG)) return; // the script was included twice: keep the first

  const script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  const SCRIPT = {
    endpoint: script && script.dataset.endpoint != null
      ? script.dataset.endpoint
      : script && script.src ? script.src.replace(/\/widget\.js(?:[?#].*)?$/, "") : "",
    lang: (script && script.dataset.lang) || "",
    apiKey: (script && script.dataset.apiKey) || "",
    filters: (script && script.dataset.filters) || "",
    mount: (script && script.dataset.mount) || "auto",
    inline: Boolean(script && script.hasAttribute("data-inline")),
  };

  const HISTORY_MESSAGES = 10; // previous user/assistant messages sent with a follow-up
  const HISTORY_CHARS = 8000; // the service's bound on one history message
  const STORED_MESSAGES = 60;
  const MARKER = /\[(\d+)\]/g;
  // Bidirectional controls and marks (embeddings, overrides, isolates; LRM, RLM, ALM): the
  // service drops them from titles as it ingests, a title stored before it did may hold them
  // ("Rapport \u202egpj.exe\u202c" read "Rapport exe.jpg"). A title is shown without them,
  // in a <bdi> of its own, so nothing in it reorders the number or page beside it.
  const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  const shownTitle = (c) => String(c.title || "").replace(BIDI_CONTROLS, "") || String(c.doc_id);
  // ... and a passage without them too, each put out of play by a zero-width space so the
  // offsets of its verified span stay exact ("\u202eevil" drew "live": review 57, L1)
  const shownPassage = (c) => String(c.text || "").replace(BIDI_CONTROLS, "\u200b");

  // A filter in a canonical form: object keys sorted, and lists too (a list is "one of").
  const canonical = (v) => {
    if (Array.isArray(v)) return `[${v.map(canonical).sort().join(",")}]`;
    if (v && typeof v === "object") {
      return `{${Object.keys(v).sort()
        .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
    }
    return JSON.stringify(v);
  };

  // Where a conversation is saved: per endpoint and per retrieval filter, so two pages of one
  // site with different data-filters never show, nor send as history, each other's answers.
  // Without a filter, the key of earlier versions (saved conversations stay).
  const storageKey = (endpoint, rawFilters) => {
    const base = `rag-chat:v1:${endpoint}`;
    if (!rawFilters) return base;
    try {
      return `${base}#filters:${canonical(JSON.parse(rawFilters))}`;
    } catch (_) {
      return `${base}#filters-raw:${rawFilters}`; // malformed: never sent, kept apart
    }
  };

  const STRINGS = {
    fr: {
      title: "Assistant documentaire",
      subtitle: "Des réponses qui citent leurs sources",
      open: "Ouvrir l’assistant documentaire",
      close: "Fermer l’assistant",
      newChat: "Nouvelle conversation",
      inputLabel: "Votre question",
      placeholder: "Posez votre question…",
      hint: "Entrée pour envoyer, Maj+Entrée pour aller à la ligne",
      send: "Envoyer la question",
      stop: "Arrêter la réponse",
      welcome: "Posez une question sur les documents indexés : chaque réponse renvoie aux " +
        "passages qui la justifient. Survolez ou sélectionnez un numéro pour lire le passage.",
      you: "Vous :",
      assistant: "Assistant :",
      typing: "L’assistant rédige une réponse…",
      sources: "Sources",
      source: "Source",
      passage: "Passage cité",
      abstained: "Pas de réponse dans les sources",
      stopped: "Réponse interrompue.",
      retry: "Réessayer",
      error: "Erreur",
      sep: " : ",
      errNetwork: "Impossible de joindre le service. Vérifiez la connexion, puis réessayez.",
      errClient: "La question a été refusée : ",
      errAuth: "Accès refusé par le service : ",
      errBusy: "Trop de questions d’affilée : réessayez dans quelques secondes.",
      errServer: "Le service a rencontré une erreur",
      errStream: "La réponse a échoué : ",
      errBroken: "La connexion a été coupée avant la fin de la réponse.",
      rateUp: "Réponse utile",
      rateDown: "Réponse pas utile",
      thanks: "Merci !",
      rateFailed: "Avis non envoyé, réessayez.",
      comment: "Qu’est-ce qui n’allait pas ? (facultatif)",
      commentSend: "Envoyer l’avis",
    },
    en: {
      title: "Document assistant",
      subtitle: "Answers that cite their sources",
      open: "Open the document assistant",
      close: "Close the assistant",
      newChat: "New conversation",
      inputLabel: "Your question",
      placeholder: "Ask a question…",
      hint: "Enter to send, Shift+Enter for a new line",
      send: "Send the question",
      stop: "Stop the answer",
      welcome: "Ask a question about the indexed documents: every answer points to the " +
        "passages that support it. Hover or select a number to read the passage.",
      you: "You:",
      assistant: "Assistant:",
      typing: "The assistant is writing an answer…",
      sources: "Sources",
      source: "Source",
      passage: "Cited passage",
      abstained: "No answer in the sources",
      stopped: "Answer stopped.",
      retry: "Retry",
      error: "Error",
      sep: ": ",
      errNetwork: "The service cannot be reached. Check the connection, then retry.",
      errClient: "The question was refused: ",
      errAuth: "The service refused access: ",
      errBusy: "Too many questions in a row: retry in a few seconds.",
      errServer: "The service had an error",
      errStream: "The answer failed: ",
      errBroken: "The connection was cut before the end of the answer.",
      rateUp: "Helpful answer",
      rateDown: "Unhelpful answer",
      thanks: "Thanks!",
      rateFailed: "Feedback not sent, retry.",
      comment: "What was wrong? (optional)",
      commentSend: "Send feedback",
    },
  };

  const ICON_CHAT = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path ' +
    'd="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" ' +
    'fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path ' +
    'd="M7 9h10M7 13h6" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
  const ICON_CLOSE = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path ' +
    'd="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" ' +
    'stroke-linecap="round"/></svg>';
  const ICON_NEW = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path ' +
    'd="M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z" fill="none" stroke="currentColor" ' +
    'stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/></svg>';
  const ICON_SEND = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path ' +
    'd="M4 12l16-8-6 16-2.5-6.5z" fill="currentColor"/></svg>';
  const ICON_STOP = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><rect x="6" ' +
    'y="6" width="12" height="12" rx="2" fill="currentColor"/></svg>';
  const ICON_UP = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path ' +
    'd="M14 9V5a3 3 0 0 0-3-3l-4 9v11h11.3a2 2 0 0 0 2-1.7l1.4-9a2 2 0 0 0-2-2.3zM7 22H4a2 ' +
    '2 0 0 1-2-2v-7a2 2 0 0 1 2-2h3" fill="none" stroke="currentColor" stroke-width="2" ' +
    'stroke-linejoin="round" stroke-linecap="round"/></svg>';
  const ICON_DOWN = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path ' +
    'd="M10 15v4a3 3 0 0 0 3 3l4-9V2H5.7a2 2 0 0 0-2 1.7l-1.4 9a2 2 0 0 0 2 2.3zm7-13h2.7A2.3 ' +
    '2.3 0 0 1 22 4v7a2.3 2.3 0 0 1-2.3 2H17" fill="none" stroke="currentColor" ' +
    'stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/></svg>';
  const ICON_INFO = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle ' +
    'cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" stroke-width="2"/><path ' +
    'd="M12 11v6M12 7.5v.5" stroke="currentColor" stroke-width="2.2" ' +
    'stroke-linecap="round"/></svg>';
  const ICON_ALERT = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path ' +
    'd="M12 3l10 18H2z" fill="none" stroke="currentColor" stroke-width="2" ' +
    'stroke-linejoin="round"/><path d="M12 10v5M12 18v.5" stroke="currentColor" ' +
    'stroke-width="2.2" stroke-linecap="round"/></svg>';

  // Sizes in px, never rem: the page may change the root font size. `.root` resets every
  // inherited property (`all: initial`), so no page style reaches inside.
  const STYLE = `
:host { display: block; }
:host([hidden]) { display: none; }
.root {
  all: initial;
  display: block;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px; line-height: 1.45; color: #1f2328; text-align: start;
  --accent: var(--rag-chat-accent, #1d4ed8);
  --accent-dark: var(--rag-chat-accent-dark, #1e3a8a);
  --ring: #0b5bd3;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
svg { width: 20px; height: 20px; display: block; flex: none; }
button {
  font: inherit; color: inherit; margin: 0; cursor: pointer; -webkit-tap-highlight-color: transparent;
}
button:focus-visible, textarea:focus-visible {
  outline: 3px solid var(--ring); outline-offset: 2px;
}
.sr {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap; margin: -1px; padding: 0; border: 0;
}
.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: 56px; height: 56px; border-radius: 50%; border: 2px solid #ffffff; padding: 0;
  display: flex; align-items: center; justify-content: center;
  background: var(--accent); color: #ffffff;
  box-shadow: 0 6px 20px rgba(15, 23, 42, .28);
}
.launcher svg { width: 26px; height: 26px; }
.launcher .i-close, .launcher[aria-expanded="true"] .i-chat { display: none; }
.launcher[aria-expanded="true"] .i-close { display: block; }
.launcher:hover { background: var(--accent-dark); }
.panel {
  position: fixed; right: 20px; bottom: 88px; z-index: 2147483001;
  width: 400px; height: min(640px, calc(100vh - 108px)); min-height: 320px;
  display: flex; flex-direction: column; overflow: hidden;
  background: #ffffff; border: 1px solid #d0d7de; border-radius: 14px;
  box-shadow: 0 12px 40px rgba(15, 23, 42, .25);
}
.root.inline .panel {
  position: relative; right: auto; bottom: auto; z-index: auto; width: 100%; max-width: 100%;
  height: var(--rag-chat-height, 560px); box-shadow: none;
}
header {
  flex: none; padding: 12px 96px 12px 16px; background: var(--accent); color: #ffffff;
}
.root.inline header { padding-right: 56px; }
h2 { margin: 0; font-size: 16px; font-weight: 650; line-height: 1.3; color: #ffffff; }
.subtitle { margin: 2px 0 0; font-size: 13px; color: #e0e7ff; }
.actions { position: absolute; top: 10px; right: 10px; display: flex; gap: 4px; }
.icon-btn {
  width: 36px; height: 36px; border-radius: 8px; padding: 0; border: 0;
  display: flex; align-items: center; justify-content: center;
  background: transparent; color: #ffffff;
}
.icon-btn:hover { background: rgba(255, 255, 255, .18); }
.actions .icon-btn:focus-visible { outline-color: #ffffff; outline-offset: 0; }
.log {
  flex: 1 1 auto; overflow-y: auto; overscroll-behavior: contain;
  padding: 16px; display: flex; flex-direction: column; gap: 12px; background: #ffffff;
}
.welcome { margin: 0; color: #4b5563; font-size: 14px; }
.msg { max-width: 92%; padding: 10px 12px; border-radius: 12px; overflow-wrap: anywhere; }
.msg.user {
  align-self: flex-end; background: var(--accent); color: #ffffff;
  border-bottom-right-radius: 4px; white-space: pre-wrap;
}
.msg.bot {
  align-self: flex-start; background: #f3f4f6; color: #1f2328; border: 1px solid #e5e7eb;
  border-bottom-left-radius: 4px;
}
.text { white-space: pre-wrap; margin: 0; }
.msg.abstained { background: #f8fafc; color: #4b5563; border-style: dashed; border-color: #94a3b8; }
.msg.abstained .text { font-style: italic; }
.msg.error { background: #fef2f2; border-color: #fca5a5; color: #7f1d1d; }
.badge {
  display: flex; align-items: center; gap: 6px; margin: 0 0 4px; font-size: 12px;
  font-weight: 650; letter-spacing: .02em; text-transform: uppercase; color: #4b5563;
}
.badge svg { width: 16px; height: 16px; }
.msg.error .badge { color: #991b1b; }
.note { margin: 6px 0 0; font-size: 13px; color: #4b5563; font-style: italic; }
.cite {
  display: inline-flex; align-items: center; justify-content: center;
  min-width: 20px; height: 20px; padding: 0 5px; margin: 0 1px; vertical-align: 2px;
  border: 1px solid #93c5fd; border-radius: 10px; background: #dbeafe; color: #1e3a8a;
  font-size: 12px; font-weight: 650; line-height: 1; font-variant-numeric: tabular-nums;
}
.cite:hover, .cite[aria-expanded="true"] { background: #bfdbfe; border-color: #2563eb; }
.sources { margin: 10px 0 0; padding: 8px 0 0; border-top: 1px solid #d0d7de; }
.sources-title { margin: 0 0 4px; font-size: 12px; font-weight: 650; color: #4b5563;
  text-transform: uppercase; letter-spacing: .02em; }
.sources ol { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 4px; }
.sources li { display: flex; gap: 6px; font-size: 13px; line-height: 1.35; color: #1f2328; }
.num {
  flex: none; min-width: 20px; height: 18px; padding: 0 4px; border-radius: 9px;
  background: #e5e7eb; color: #1f2328; font-size: 11px; font-weight: 650;
  display: inline-flex; align-items: center; justify-content: center; margin-top: 1px;
}
.typing { display: inline-flex; gap: 4px; align-items: center; height: 20px; }
.typing i {
  width: 7px; height: 7px; border-radius: 50%; background: #6b7280; display: block;
  animation: blink 1.2s infinite ease-in-out both;
}
.typing i:nth-child(2) { animation-delay: .2s; }
.typing i:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .typing i { animation: none; opacity: .7; } }
.err-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 8px; }
.retry {
  border: 1px solid #b91c1c; background: #ffffff; color: #991b1b; border-radius: 8px;
  padding: 5px 12px; font-size: 14px; font-weight: 600;
}
.retry:hover { background: #fee2e2; }
.composer {
  flex: none; display: flex; gap: 8px; align-items: flex-end;
  padding: 10px 12px 4px; border-top: 1px solid #d0d7de; background: #ffffff;
}
textarea {
  flex: 1; resize: none; min-height: 42px; max-height: 140px; margin: 0;
  padding: 10px 12px; border: 1px solid #8c959f; border-radius: 10px;
  font: inherit; font-size: 15px; line-height: 1.4; color: #1f2328; background: #ffffff;
}
textarea::placeholder { color: #6b7280; opacity: 1; }
.send, .stop {
  flex: none; width: 42px; height: 42px; border-radius: 10px; border: 0; padding: 0;
  display: flex; align-items: center; justify-content: center; color: #ffffff;
}
.send { background: var(--accent); }
.send:hover { background: var(--accent-dark); }
.stop { background: #b91c1c; }
.stop:hover { background: #991b1b; }
.hint { flex: none; margin: 0; padding: 0 12px 8px; font-size: 12px; color: #57606a; background: #ffffff; }
.rate { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 8px; }
.vote {
  width: 32px; height: 28px; padding: 0; border-radius: 8px; border: 1px solid #8c959f;
  background: #ffffff; color: #57606a; display: inline-flex; align-items: center;
  justify-content: center;
}
.vote svg { width: 16px; height: 16px; }
.vote:hover:not(:disabled) { background: #f3f4f6; color: #1f2328; }
.vote[aria-pressed="true"] { background: #dbeafe; border-color: var(--accent); color: var(--accent-dark); }
.vote:disabled { cursor: default; }
.vote:disabled:not([aria-pressed="true"]) { opacity: .45; }
.thanks { font-size: 13px; color: #57606a; }
.rate-err { font-size: 13px; color: #991b1b; }
.fb-form { flex-basis: 100%; display: flex; flex-direction: column; gap: 6px; }
.fb-form textarea { flex: none; width: 100%; min-height: 58px; padding: 6px 8px; font-size: 14px; }
.fb-send {
  align-self: flex-end; border: 0; background: var(--accent); color: #ffffff; border-radius: 8px;
  padding: 6px 10px; font-size: 13px; font-weight: 600;
}
.tip {
  position: absolute; z-index: 5; left: 8px; top: 8px;
  width: min(360px, calc(100% - 16px)); max-height: min(300px, calc(100% - 16px));
  display: flex; flex-direction: column; overflow: hidden;
  border-radius: 10px; border: 1px solid #8c959f;
  background: #ffffff; color: #1f2328; box-shadow: 0 8px 28px rgba(15, 23, 42, .28);
  font-size: 13px; line-height: 1.45;
}
.tip-head { flex: none; padding: 8px 12px 6px; background: #f6f8fa; border-bottom: 1px solid #d0d7de; }
.tip-title { margin: 0; font-weight: 650; font-size: 13px; line-height: 1.35; overflow-wrap: anywhere; }
.tip-label { margin: 2px 0 0; font-size: 11px; color: #57606a; text-transform: uppercase;
  letter-spacing: .03em; }
.tip-body { position: relative; flex: 1 1 auto; overflow-y: auto; padding: 8px 12px 10px; }
.tip-text { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
.glue { white-space: nowrap; }
mark { background: #fde68a; color: #1f2328; border-radius: 2px; padding: 0 1px; }
@media (max-width: 480px) {
  .panel {
    right: 0; bottom: 0; left: 0; top: 0; width: 100%; height: 100%; min-height: 0;
    border-radius: 0; border: 0;
  }
  .root.inline .panel { border: 1px solid #d0d7de; border-radius: 10px; }
  .msg { max-width: 96%; }
  .launcher { right: 16px; bottom: 16px; }
}
`;

  // Static markup only: every string from the service is set with textContent later.
  const TEMPLATE = `
<div class="root">
  <button type="button" class="launcher" aria-expanded="false"><span class="i-chat">${ICON_CHAT}</span><span class="i-close">${ICON_CLOSE}</span></button>
  <section class="panel" role="dialog" hidden>
    <header><h2 class="title"></h2><p class="subtitle"></p></header>
    <div class="log" role="log" aria-live="polite" aria-relevant="additions text"></div>
    <form class="composer" novalidate>
      <textarea rows="1" autocomplete="off" spellcheck="true" enterkeyhint="send"></textarea>
      <button type="submit" class="send">${ICON_SEND}</button>
      <button type="button" class="stop" hidden>${ICON_STOP}</button>
    </form>
    <p class="hint"></p>
    <div class="actions">
      <button type="button" class="icon-btn new">${ICON_NEW}</button>
      <button type="button" class="icon-btn close">${ICON_CLOSE}</button>
    </div>
    <div class="tip" role="tooltip" hidden>
      <div class="tip-head"><p class="tip-title"></p><p class="tip-label"></p></div>
      <div class="tip-body"><p class="tip-text"></p></div>
    </div>
  </section>
</div>`;

  let instances = 0;

  function pickLang(value) {
    return /^fr\b/i.test(String(value || "").trim()) ? "fr" : "en";
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = String(text);
    return node;
  }

  function stripMarkers(text) {
    return String(text).replace(/\s?\[\d+\]/g, "");
  }

  // ---- answer text: the service's markup escapes, decoded -----------------------------------

  /* The service escapes markup in answers the CommonMark way (rag/answering/inert.py), for
     clients that render markdown: "<" is sent as "&lt;", "*" as "\\*", a backslash as "\\\\".
     The widget shows text, so it undoes what a markdown renderer would: a backslash before
     ASCII punctuation, and character references (a few named ones, and numeric ones), in one
     left-to-right pass ("\\&lt;" reads "&lt;"). The result is only ever set as text. */
  const ESCAPE =
    /\\([!-\/:-@[-`{-~])|&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/g;
  const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  // An escape cut at the end of a streamed piece: held back until the next one completes it.
  const PARTIAL_ESCAPE = /(?:&(?:#[xX]?[0-9a-fA-F]{0,7}|[a-z]{0,4})|(?<!\\)(?:\\\\)*\\)$/;

  function plainText(text) {
    return String(text).replace(ESCAPE, (m, punct, hex, dec, name) => {
      if (punct != null) return punct;
      if (name != null) return NAMED[name];
      const code = hex != null ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code) : "\ufffd";
    });
  }

  // ---- which part of a passage to highlight -------------------------------------------------

  function normalize(text) {
    return String(text).normalize("NFC").toLowerCase().replace(/[’‘`]/g, "'")
      .replace(/\s+/g, " ").trim();
  }

  function sentenceSpans(text) {
    const spans = [];
    const push = (start, end) => {
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (end > start) spans.push([start, end]);
    };
    // from the first terminator of a run only: tried from each one, a run of dots is quadratic
    const re = /(?<![.!?…])[.!?…]+["»”’)\]]*(?=\s|$)|\n+/g;
    let start = 0;
    let m;
    while ((m = re.exec(text))) {
      const end = m[0][0] === "\n" ? m.index : m.index + m[0].length;
      push(start, end);
      start = m.index + m[0].length;
    }
    push(start, text.length);
    return spans;
  }

  function words(text) {
    return new Set(normalize(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
  }

  /* The sentence the service verified as the support of citation `c` (offsets in the
     document, counted in characters as Python counts them), as a span of the passage in
     JavaScript's UTF-16 units (an emoji or "𝐀" is one character there and two here: read as
     indices, each one before the sentence shifted the mark onto other text, security review
     58 L1); null when it sent none or the span does not hold the sentence it sent. */
  function supportSpans(c) {
    const sup = c && c.support;
    if (!sup || typeof sup.start !== "number" || typeof sup.end !== "number") return null;
    const passage = shownPassage(c);
    const points = Array.from(passage);
    const s = sup.start - Number(c.start || 0);
    const e = sup.end - Number(c.start || 0);
    if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > points.length || e <= s) {
      return null;
    }
    const s16 = points.slice(0, s).join("").length;
    const e16 = s16 + points.slice(s, e).join("").length;
    if (typeof sup.text === "string" && passage.slice(s16, e16) !== shownPassage({text: sup.text})) {
      return null;
    }
    return [[s16, e16]];
  }

  /* The spans of `passage` to highlight for citation `n` of `answer`: the passage's sentences
     quoted in the answer; else the one sentence sharing most words with the answer sentences
     that cite `n` (when it shares at least half its words); else the whole passage. */
  function highlightSpans(passage, answer, n) {
    answer = plainText(answer); // the passage is raw text: compare it with the answer as shown
    const spans = sentenceSpans(passage);
    const plain = normalize(stripMarkers(answer));
    const quoted = spans.filter(([s, e]) => {
      const sentence = normalize(passage.slice(s, e)).replace(/[\s.!?…:;,"»”’)]+$/, "");
      return sentence.length >= 12 && plain.includes(sentence);
    });
    if (quoted.length) return quoted;
    const citing = sentenceSpans(answer).map(([s, e]) => answer.slice(s, e))
      .filter((s) => s.includes(`[${n}]`));
    const target = words(citing.length ? citing.join(" ") : answer);
    let best = null;
    let bestScore = 0;
    for (const span of spans) {
      const w = words(passage.slice(span[0], span[1]));
      if (!w.size) continue;
      let shared = 0;
      for (const x of w) if (target.has(x)) shared++;
      const score = shared / w.size;
      if (score > bestScore) [best, bestScore] = [span, score];
    }
    if (best && bestScore >= 0.5) return [best];
    return [[0, passage.length]];
  }

  // ---- Server-Sent Events over fetch --------------------------------------------------------

  async function* readSSE(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let name = "";
    let data = [];
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let idx;
      while ((idx = buffer.search(/\r\n|\r|\n/)) >= 0) {
        if (!done && buffer[idx] === "\r" && idx === buffer.length - 1) break; // maybe \r\n
        const eol = buffer.startsWith("\r\n", idx) ? 2 : 1;
        const line = buffer.slice(0, idx);
        buffer = buffer.slice(idx + eol);
        if (line === "") {
          if (data.length) yield { event: name || "message", data: data.join("\n") };
          name = "";
          data = [];
        } else if (line[0] !== ":") {
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          let val = colon < 0 ? "" : line.slice(colon + 1);
          if (val[0] === " ") val = val.slice(1);
          if (field === "event") name = val;
          else if (field === "data") data.push(val);
        }
      }
      if (done) return; // an event without its closing blank line is incomplete: dropped
    }
  }

  class RequestError extends Error {
    constructor(kind, status, detail) {
      super(detail || kind);
      this.kind = kind; // "client" | "server" | "stream" | "broken"
      this.status = status;
      this.detail = detail;
    }
  }

  async function errorDetail(res) {
    try {
      const text = await res.text();
      try {
        const body = JSON.parse(text);
        if (body && typeof body.error === "string") return body.error;
        if (body && typeof body.detail === "string") return body.detail;
      } catch (_) { /* not JSON */ }
      return text.trim().slice(0, 300);
    } catch (_) {
      return "";
    }
  }

  // ---- the element --------------------------------------------------------------------------

  class RagChat extends HTMLElement {
    connectedCallback() {
      if (!this._ui) this._build();
    }

    /** Ask a question as if typed (opens the panel). */
    ask(question) {
      if (!this._ui) this._build();
      this.open();
      return this._send(String(question || ""));
    }

    open() {
      if (!this._ui) this._build();
      const ui = this._ui;
      if (!ui.panel.hidden) return;
      ui.panel.hidden = false;
      ui.launcher.setAttribute("aria-expanded", "true");
      ui.launcher.setAttribute("aria-label", this._t.close);
      ui.launcher.title = this._t.close;
      this._scrollToEnd(true);
      ui.input.focus();
    }

    close() {
      if (!this._ui || this._inline) return;
      const ui = this._ui;
      this._hideTip(true);
      ui.panel.hidden = true;
      ui.launcher.setAttribute("aria-expanded", "false");
      ui.launcher.setAttribute("aria-label", this._t.open);
      ui.launcher.title = this._t.open;
      ui.launcher.focus();
    }

    _rawFilters() {
      return this.getAttribute("filters") ?? this.getAttribute("data-filters") ??
        SCRIPT.filters;
    }

    // The page's retrieval filter (a JSON object), or null; a malformed one is a client error
    // shown in the answer, not a silently unfiltered question.
    _filters() {
      const raw = this._rawFilters();
      if (!raw) return null;
      let f;
      try {
        f = JSON.parse(raw);
      } catch (_) {
        f = null;
      }
      if (f && typeof f === "object" && !Array.isArray(f)) return f;
      throw new RequestError("client", 400, "data-filters: expected a JSON object");
    }

    get endpoint() {
      const raw = this.getAttribute("endpoint") ?? this.getAttribute("data-endpoint") ??
        SCRIPT.endpoint;
      return new URL(raw || "/", window.location.href).href.replace(/\/+$/, "");
    }

    _build() {
      const t = STRINGS[pickLang(this.getAttribute("data-lang") || SCRIPT.lang ||
        document.documentElement.lang)];
      this._t = t;
      this._inline = this.hasAttribute("inline");
      this._id = `rag-chat-${++instances}`;
      this._key = storageKey(this.endpoint, this._rawFilters());
      this._busy = null; // the AbortController of the answer being streamed
      this._views = new Map();
      this._tip = { marker: null, pinned: false, timer: 0 };
      this._votes = new WeakMap(); // answer message -> { open, comment, sending, failed }

      const root = this.attachShadow({ mode: "open" });
      root.innerHTML = `<style>${STYLE}</style>${TEMPLATE}`;
      const $ = (sel) => root.querySelector(sel);
      const ui = {
        root: $(".root"), launcher: $(".launcher"), panel: $(".panel"), title: $(".title"),
        subtitle: $(".subtitle"), log: $(".log"), form: $(".composer"), input: $("textarea"),
        send: $(".send"), stop: $(".stop"), hint: $(".hint"), newChat: $(".new"),
        close: $(".close"), tip: $(".tip"),
      };
      this._ui = ui;

      ui.root.lang = t === STRINGS.fr ? "fr" : "en";
      ui.title.id = `${this._id}-title`;
      ui.title.textContent = t.title;
      ui.subtitle.textContent = t.subtitle;
      ui.panel.id = `${this._id}-panel`;
      ui.panel.setAttribute("aria-labelledby", ui.title.id);
      ui.log.setAttribute("aria-label", t.title);
      ui.launcher.setAttribute("aria-label", t.open);
      ui.launcher.setAttribute("aria-controls", ui.panel.id);
      ui.launcher.title = t.open;
      ui.input.placeholder = t.placeholder;
      ui.input.setAttribute("aria-label", t.inputLabel);
      ui.hint.id = `${this._id}-hint`;
      ui.hint.textContent = t.hint;
      ui.input.setAttribute("aria-describedby", ui.hint.id);
      for (const [button, label] of [[ui.send, t.send], [ui.stop, t.stop],
        [ui.newChat, t.newChat], [ui.close, t.close]]) {
        button.setAttribute("aria-label", label);
        button.title = label;
      }
      ui.tip.id = `${this._id}-tip`;

      if (this._inline) {
        ui.root.classList.add("inline");
        ui.launcher.hidden = true;
        ui.close.hidden = true;
        ui.panel.hidden = false;
        ui.panel.setAttribute("role", "region");
      }

      this._messages = this._load();
      this._renderAll();
      this._wire();
    }

    _wire() {
      const ui = this._ui;
      ui.launcher.addEventListener("click", () => (ui.panel.hidden ? this.open() : this.close()));
      ui.close.addEventListener("click", () => this.close());
      ui.newChat.addEventListener("click", () => this._reset());
      ui.stop.addEventListener("click", () => this._busy && this._busy.abort());
      ui.form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        this._submit();
      });
      ui.input.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
          ev.preventDefault();
          this._submit();
        }
      });
      ui.input.addEventListener("input", () => this._grow());
      ui.root.addEventListener("keydown", (ev) => {
        if (ev.key !== "Escape") return;
        if (!ui.tip.hidden) this._hideTip(true);
        else if (!this._inline && !ui.panel.hidden) this.close();
        else return;
        ev.stopPropagation();
      });
      // Citation markers: hover or focus shows the passage, a click pins it.
      ui.log.addEventListener("mouseover", (ev) => {
        const marker = ev.target.closest && ev.target.closest(".cite");
        if (marker) this._showTip(marker, false);
      });
      ui.log.addEventListener("mouseout", (ev) => {
        const marker = ev.target.closest && ev.target.closest(".cite");
        if (marker && !marker.contains(ev.relatedTarget)) this._hideTipSoon();
      });
      ui.log.addEventListener("focusin", (ev) => {
        if (ev.target.classList.contains("cite")) this._showTip(ev.target, false);
      });
      ui.log.addEventListener("focusout", (ev) => {
        if (ev.target.classList.contains("cite") && !this._tip.pinned) this._hideTip(false);
      });
      ui.log.addEventListener("click", (ev) => {
        const marker = ev.target.closest && ev.target.closest(".cite");
        if (marker) {
          const same = this._tip.marker === marker && this._tip.pinned && !ui.tip.hidden;
          if (same) this._hideTip(true);
          else this._showTip(marker, true);
          return;
        }
        const retry = ev.target.closest && ev.target.closest(".retry");
        if (retry) this._retry(retry.closest(".msg"));
        const vote = ev.target.closest && ev.target.closest(".vote, .fb-send");
        if (vote) this._onVote(vote);
      });
      ui.panel.addEventListener("click", (ev) => {
        if (!ev.target.closest(".cite") && !ev.target.closest(".tip")) this._hideTip(true);
      });
      ui.tip.addEventListener("mouseenter", () => clearTimeout(this._tip.timer));
      ui.tip.addEventListener("mouseleave", () => this._hideTipSoon());
      ui.log.addEventListener("scroll", () => this._placeTip(), { passive: true });
    }

    // ---- conversation state -----------------------------------------------------------------

    _load() {
      try {
        const raw = window.localStorage.getItem(this._key);
        const list = raw ? JSON.parse(raw) : [];
        if (!Array.isArray(list)) return [];
        return list.filter((m) => m && (m.role === "user" || m.role === "assistant"))
          .map((m) => (m.status === "streaming" ? { ...m, status: "stopped" } : m));
      } catch (_) {
        return [];
      }
    }

    _save() {
      try {
        if (!this._messages.length) window.localStorage.removeItem(this._key);
        else {
          window.localStorage.setItem(this._key,
            JSON.stringify(this._messages.slice(-STORED_MESSAGES)));
        }
      } catch (_) { /* storage full or disabled: the conversation lives until the page goes */ }
    }

    _reset() {
      if (this._busy) this._busy.abort();
      this._messages = [];
      this._save();
      this._hideTip(true);
      this._renderAll();
      this._ui.input.value = "";
      this._grow();
      this._ui.input.focus();
    }

    /** The completed exchanges before `upTo` (a user message), the last 10 messages. */
    _history(upTo) {
      const out = [];
      const msgs = this._messages;
      const end = upTo < 0 ? msgs.length : upTo;
      for (let i = 0; i + 1 < end; i++) {
        const q = msgs[i];
        const a = msgs[i + 1];
        if (q.role === "user" && a.role === "assistant" && a.status === "done") {
          out.push({ role: "user", content: q.text.slice(0, HISTORY_CHARS) });
          out.push({ role: "assistant", content: stripMarkers(a.answer).slice(0, HISTORY_CHARS) });
          i++;
        }
      }
      return out.slice(-HISTORY_MESSAGES);
    }

    _submit() {
      if (this._busy) return;
      const question = this._ui.input.value;
      if (!question.trim()) {
        this._ui.input.focus();
        return;
      }
      this._ui.input.value = "";
      this._grow();
      this._send(question);
    }

    _retry(view) {
      if (this._busy || !view) return;
      const idx = this._messages.findIndex((m) => this._views.get(m) === view);
      if (idx < 1) return;
      const bot = this._messages[idx];
      Object.assign(bot, { status: "streaming", answer: "", citations: [], abstained: false,
        error: null, answerId: "", vote: null });
      this._ui.input.focus();
      return this._stream(idx - 1, bot);
    }

    _send(question) {
      if (this._busy || !question.trim()) return Promise.resolve();
      this._hideTip(true);
      const user = { role: "user", text: question };
      const bot = { role: "assistant", status: "streaming", answer: "", citations: [],
        abstained: false, error: null };
      this._messages.push(user, bot);
      if (this._messages.length === 2) this._ui.log.replaceChildren();
      this._ui.log.append(this._renderMessage(user));
      this._ui.log.append(this._renderMessage(bot));
      this._scrollToEnd(true);
      return this._stream(this._messages.length - 2, bot);
    }

    async _stream(userIdx, bot) {
      const ui = this._ui;
      const question = this._messages[userIdx].text;
      const history = this._history(userIdx);
      const controller = new AbortController();
      this._setBusy(controller);
      const view = this._rerender(bot);
      const live = { citations: new Map(), pending: "", msg: bot };
      let finished = false;
      try {
        const headers = { "content-type": "application/json", accept: "text/event-stream" };
        const key = this.getAttribute("api-key") || this.getAttribute("data-api-key") ||
          SCRIPT.apiKey;
        if (key) headers.authorization = `Bearer ${key}`;
        const filters = this._filters();
        const res = await fetch(`${this.endpoint}/ask/stream`, {
          method: "POST",
          headers,
          body: JSON.stringify(filters ? { question, history, filters } : { question, history }),
          signal: controller.signal,
        });
        if (!res.ok) {
          const detail = await errorDetail(res);
          throw new RequestError(res.status < 500 ? "client" : "server", res.status, detail);
        }
        for await (const ev of readSSE(res.body)) {
          let data;
          try {
            data = JSON.parse(ev.data);
          } catch (_) {
            continue;
          }
          if (ev.event === "citations") {
            // Each list replaces the last: the numbers in the text always refer to it. The
            // first lists the passages retrieved; later ones (`cited`) what the text cites.
            const list = Array.isArray(data.citations) ? data.citations : [];
            live.citations = new Map(list.map((c) => [c.n, c]));
            if (data.cited) this._liveSources(view, list);
          } else if (ev.event === "token") {
            bot.answer += data.text || "";
            this._appendLive(view, live, data.text || "");
          } else if (ev.event === "done") {
            bot.answer = String(data.answer || "");
            bot.citations = Array.isArray(data.citations) ? data.citations : [];
            bot.abstained = Boolean(data.abstained);
            bot.answerId = typeof data.answer_id === "string" ? data.answer_id : "";
            bot.status = "done";
            finished = true;
          } else if (ev.event === "error") {
            throw new RequestError("stream", data.status, data.error);
          }
        }
        if (!finished) throw new RequestError("broken");
      } catch (err) {
        if (controller.signal.aborted) {
          bot.status = "stopped";
          const used = new Set([...bot.answer.matchAll(MARKER)].map((m) => Number(m[1])));
          bot.citations = [...live.citations.values()].filter((c) => used.has(c.n));
        } else {
          bot.status = "error";
          bot.error = this._errorText(err);
        }
      } finally {
        if (this._busy === controller) this._setBusy(null);
        if (this._messages.includes(bot)) {
          const hadFocus = view.contains(this.shadowRoot.activeElement);
          this._rerender(bot);
          if (this._tip.marker && !this._tip.marker.isConnected) this._hideTip(true);
          if (hadFocus) ui.input.focus();
          this._scrollToEnd(false);
          this._save();
        }
      }
    }

    _errorText(err) {
      const t = this._t;
      if (!(err instanceof RequestError)) return t.errNetwork; // fetch's TypeError: no connection
      if (err.kind === "client") {
        if (err.status === 429) return t.errBusy;
        const prefix = err.status === 401 || err.status === 403 ? t.errAuth : t.errClient;
        return prefix + (err.detail || `HTTP ${err.status}`);
      }
      if (err.kind === "server") {
        return `${t.errServer} (${err.status})${err.detail ? t.sep + err.detail : "."}`;
      }
      if (err.kind === "stream") return t.errStream + (err.detail || "");
      return t.errBroken;
    }

    _setBusy(controller) {
      const ui = this._ui;
      const active = this.shadowRoot.activeElement;
      this._busy = controller;
      ui.send.hidden = Boolean(controller);
      ui.stop.hidden = !controller;
      ui.log.setAttribute("aria-busy", controller ? "true" : "false");
      if (controller && active === ui.send) ui.stop.focus();
      if (!controller && active === ui.stop) ui.input.focus();
    }

    // ---- rendering --------------------------------------------------------------------------

    _renderAll() {
      const ui = this._ui;
      this._views = new Map();
      if (!this._messages.length) {
        ui.log.replaceChildren(el("p", "welcome", this._t.welcome));
        return;
      }
      ui.log.replaceChildren(...this._messages.map((m) => this._renderMessage(m)));
      this._scrollToEnd(true);
    }

    _rerender(msg) {
      const old = this._views.get(msg);
      const view = this._renderMessage(msg);
      if (old && old.parentNode) old.replaceWith(view);
      return view;
    }

    _renderMessage(msg) {
      const t = this._t;
      if (msg.role === "user") {
        const view = el("div", "msg user");
        view.append(el("span", "sr", `${t.you} `), document.createTextNode(msg.text));
        this._views.set(msg, view);
        return view;
      }
      const view = el("div", "msg bot");
      view.dataset.status = msg.status;
      view.append(el("span", "sr", `${t.assistant} `));
      this._views.set(msg, view);
      if (msg.status === "error") {
        view.classList.add("error");
        view.setAttribute("role", "alert");
        const badge = el("p", "badge");
        badge.insertAdjacentHTML("afterbegin", ICON_ALERT); // a constant icon, no data
        badge.append(document.createTextNode(t.error));
        const retry = el("button", "retry", t.retry);
        retry.type = "button";
        const row = el("div", "err-row");
        row.append(retry);
        view.append(badge, el("p", "text err-text", msg.error || t.errNetwork), row);
        return view;
      }
      const text = el("p", "text");
      view.append(text);
      if (msg.status === "streaming") {
        if (msg.answer) this._appendMarked(text, msg.answer, new Map());
        else view.append(this._typing());
        return view;
      }
      if (msg.abstained) {
        view.classList.add("abstained");
        const badge = el("p", "badge");
        badge.insertAdjacentHTML("afterbegin", ICON_INFO); // a constant icon, no data
        badge.append(document.createTextNode(t.abstained));
        view.insertBefore(badge, text);
        text.textContent = plainText(stripMarkers(msg.answer));
        if (msg.status === "done" && msg.answerId) view.append(this._rating(msg));
        return view;
      }
      const cits = new Map((msg.citations || []).map((c) => [c.n, c]));
      this._appendMarked(text, msg.answer, cits, msg);
      if (msg.status === "stopped") view.append(el("p", "note", t.stopped));
      if (cits.size) view.append(this._sources(msg.citations));
      if (msg.status === "done" && msg.answerId) view.append(this._rating(msg));
      return view;
    }

    // ---- feedback ---------------------------------------------------------------------------

    /** Thumbs up/down under a finished answer; once voted, both are disabled with a thanks. */
    _rating(msg) {
      const t = this._t;
      const row = el("div", "rate");
      const state = this._votes.get(msg) || {};
      for (const [rating, label, icon] of [["up", t.rateUp, ICON_UP],
        ["down", t.rateDown, ICON_DOWN]]) {
        const b = el("button", `vote ${rating}`);
        b.type = "button";
        b.dataset.rating = rating;
        b.insertAdjacentHTML("afterbegin", icon); // a constant icon, no data
        b.setAttribute("aria-label", label);
        b.title = label;
        b.setAttribute("aria-pressed", String(msg.vote === rating || state.open === rating));
        b.disabled = Boolean(msg.vote) || Boolean(state.sending);
        row.append(b);
      }
      if (msg.vote) row.append(el("span", "thanks", t.thanks));
      else if (state.failed) row.append(el("span", "rate-err", t.rateFailed));
      if (!msg.vote && state.open === "down") {
        const form = el("div", "fb-form");
        const box = el("textarea", "fb-comment");
        box.rows = 2;
        box.maxLength = 2000;
        box.setAttribute("aria-label", t.comment);
        box.placeholder = t.comment;
        box.value = state.comment || "";
        box.addEventListener("input", () => { state.comment = box.value; });
        const send = el("button", "fb-send", t.commentSend);
        send.type = "button";
        send.disabled = Boolean(state.sending);
        form.append(box, send);
        row.append(form);
      }
      return row;
    }

    _onVote(button) {
      const view = button.closest(".msg");
      const msg = this._messages.find((m) => this._views.get(m) === view);
      if (!msg || msg.vote || !msg.answerId) return;
      const state = this._votes.get(msg) || {};
      this._votes.set(msg, state);
      if (state.sending) return;
      if (button.classList.contains("fb-send")) {
        this._sendVote(msg, "down", state.comment || "");
      } else if (button.dataset.rating === "down") {
        state.open = state.open === "down" ? null : "down"; // a comment first, optional
        const fresh = this._rerender(msg);
        const focus = fresh.querySelector(state.open ? ".fb-comment" : ".vote.down");
        if (focus) focus.focus();
      } else {
        this._sendVote(msg, "up", "");
      }
    }

    async _sendVote(msg, rating, comment) {
      const state = this._votes.get(msg);
      const before = this._views.get(msg);
      const hadFocus = Boolean(before && before.contains(this.shadowRoot.activeElement));
      state.sending = true;
      state.failed = false;
      this._rerender(msg);
      try {
        const headers = { "content-type": "application/json" };
        const key = this.getAttribute("api-key") || this.getAttribute("data-api-key") ||
          SCRIPT.apiKey;
        if (key) headers.authorization = `Bearer ${key}`;
        const body = { answer_id: msg.answerId, rating };
        if (comment.trim()) body.comment = comment.trim().slice(0, 2000);
        const res = await fetch(`${this.endpoint}/feedback`, {
          method: "POST", headers, body: JSON.stringify(body),
        });
        if (!res.ok) throw new RequestError("client", res.status, "");
        msg.vote = rating;
        this._votes.delete(msg);
        this._save();
      } catch (_) {
        state.failed = true;
      } finally {
        state.sending = false;
      }
      if (!this._messages.includes(msg)) return;
      const row = this._rerender(msg).querySelector(".rate");
      if (!hadFocus || !row) return;
      if (msg.vote) {
        row.tabIndex = -1; // the buttons are disabled now: the thanks keeps the focus nearby
        row.focus();
      } else {
        const retry = row.querySelector(".fb-send") || row.querySelector(".vote");
        if (retry) retry.focus();
      }
    }

    _typing() {
      const wrap = el("span", "typing");
      wrap.append(el("i"), el("i"), el("i"), el("span", "sr", this._t.typing));
      return wrap;
    }

    _sources(citations) {
      const box = el("div", "sources");
      box.append(el("p", "sources-title", this._t.sources));
      const list = el("ol");
      for (const c of [...citations].sort((a, b) => a.n - b.n)) {
        const item = el("li");
        item.append(el("span", "num", c.n), el("bdi", "src-title", shownTitle(c)));
        if (c.page) item.append(document.createTextNode(` (p. ${c.page})`));
        list.append(item);
      }
      box.append(list);
      return box;
    }

    /** While an answer streams, its sources list is the last `citations` event's. */
    _liveSources(view, list) {
      for (const old of view.querySelectorAll(".sources")) old.remove();
      if (list.length) view.append(this._sources(list));
    }

    /** Append answer `text` to `into`: `[n]` with a known citation becomes a marker button,
     *  the text between markers is shown with its escapes decoded. */
    _appendMarked(into, text, cits, msg) {
      const plain = (s) => document.createTextNode(plainText(s));
      let last = 0;
      for (const m of text.matchAll(MARKER)) {
        const c = cits.get(Number(m[1]));
        if (!c || m.index < last) continue;
        if (m.index > last) into.append(plain(text.slice(last, m.index)));
        last = m.index + m[0].length;
        // The punctuation after a marker stays on its line: "RIA [2]." never breaks before ".".
        const punct = /^[.,;:!?…»)\]]+/.exec(text.slice(last));
        if (punct) {
          const glue = el("span", "glue");
          glue.append(this._marker(c, msg), document.createTextNode(punct[0]));
          into.append(glue);
          last += punct[0].length;
        } else into.append(this._marker(c, msg));
      }
      if (last < text.length) into.append(plain(text.slice(last)));
    }

    _marker(c, msg) {
      const b = el("button", "cite", c.n);
      b.type = "button";
      b.dataset.n = String(c.n);
      b.setAttribute("aria-label", `${this._t.source} ${c.n}${this._t.sep}${shownTitle(c)}`);
      b.setAttribute("aria-expanded", "false");
      b._citation = c;
      b._message = msg || null;
      return b;
    }

    /** A streamed token: markers and escapes are drawn once complete (`[1` waits for its
     *  `]`, `&l` for its `t;`). */
    _appendLive(view, live, piece) {
      const text = view.querySelector(".text");
      const typing = view.querySelector(".typing");
      if (typing) typing.remove();
      live.pending += piece;
      const partial = /\[\d*$/.exec(live.pending);
      let cut = partial ? partial.index : live.pending.length;
      const escape = PARTIAL_ESCAPE.exec(live.pending.slice(0, cut)); // "!\\[" waits whole
      if (escape) cut = escape.index;
      const ready = live.pending.slice(0, cut);
      live.pending = live.pending.slice(cut);
      if (ready) this._appendMarked(text, ready, live.citations, live.msg);
      this._scrollToEnd(false);
    }

    _scrollToEnd(force) {
      const log = this._ui.log;
      if (force || log.scrollHeight - log.scrollTop - log.clientHeight < 80) {
        log.scrollTop = log.scrollHeight;
      }
    }

    _grow() {
      const input = this._ui.input;
      input.style.height = "auto";
      input.style.height = `${Math.min(input.scrollHeight + 2, 140)}px`;
    }

    // ---- the citation popover ---------------------------------------------------------------

    _showTip(marker, pin) {
      const ui = this._ui;
      const tip = this._tip;
      clearTimeout(tip.timer);
      if (tip.marker && tip.marker !== marker) tip.marker.setAttribute("aria-expanded", "false");
      if (tip.marker !== marker || ui.tip.hidden) {
        const c = marker._citation;
        const owner = marker._message;
        const answer = owner ? String(owner.answer || "") : "";
        const passage = shownPassage(c);
        const body = ui.tip.querySelector(".tip-text");
        body.replaceChildren();
        let last = 0;
        for (const [s, e] of supportSpans(c) || highlightSpans(passage, answer, c.n)) {
          if (s > last) body.append(document.createTextNode(passage.slice(last, s)));
          body.append(el("mark", null, passage.slice(s, e)));
          last = e;
        }
        if (last < passage.length) body.append(document.createTextNode(passage.slice(last)));
        ui.tip.querySelector(".tip-title").replaceChildren(
          `[${c.n}] `, el("bdi", null, shownTitle(c)), c.page ? `, p. ${c.page}` : "");
        ui.tip.querySelector(".tip-label").textContent = this._t.passage;
        ui.tip.hidden = false;
        // Scroll the passage only as far as needed to show the highlighted span.
        const mark = body.querySelector("mark");
        const scroller = ui.tip.querySelector(".tip-body");
        scroller.scrollTop = 0;
        if (mark && mark.offsetTop + mark.offsetHeight > scroller.clientHeight - 8) {
          scroller.scrollTop = Math.max(0, Math.min(mark.offsetTop - 8,
            mark.offsetTop + mark.offsetHeight - scroller.clientHeight + 12));
        }
      }
      const keep = tip.pinned && tip.marker === marker;
      tip.marker = marker;
      tip.pinned = keep || pin;
      marker.setAttribute("aria-expanded", "true");
      marker.setAttribute("aria-describedby", ui.tip.id);
      this._placeTip();
    }

    _placeTip() {
      const ui = this._ui;
      const marker = this._tip.marker;
      if (ui.tip.hidden || !marker) return;
      if (!marker.isConnected) {
        this._hideTip(true);
        return;
      }
      const panel = ui.panel.getBoundingClientRect();
      const m = marker.getBoundingClientRect();
      const w = ui.tip.offsetWidth;
      const h = ui.tip.offsetHeight;
      let left = m.left - panel.left - 16;
      left = Math.max(8, Math.min(left, panel.width - w - 8));
      let top = m.bottom - panel.top + 6;
      if (top + h > panel.height - 8) top = m.top - panel.top - h - 6;
      top = Math.max(8, top);
      ui.tip.style.left = `${Math.round(left)}px`;
      ui.tip.style.top = `${Math.round(top)}px`;
    }

    _hideTipSoon() {
      if (this._tip.pinned) return;
      clearTimeout(this._tip.timer);
      this._tip.timer = setTimeout(() => {
        const active = this.shadowRoot.activeElement;
        if (!this._tip.pinned && active !== this._tip.marker) this._hideTip(false);
      }, 200);
    }

    _hideTip(unpin) {
      const tip = this._tip;
      if (!this._ui || (tip.pinned && !unpin)) return;
      clearTimeout(tip.timer);
      this._ui.tip.hidden = true;
      if (tip.marker) {
        tip.marker.setAttribute("aria-expanded", "false");
        tip.marker.removeAttribute("aria-describedby");
      }
      tip.marker = null;
      tip.pinned = false;
    }
  }

  window.customElements.define(TAG, RagChat);

  // The one-tag embed: a floating launcher, unless the page places its own <rag-chat>.
  function mount() {
    if (SCRIPT.mount === "none" || document.querySelector(TAG)) return;
    const chat = document.createElement(TAG);
    if (script && script.dataset.endpoint != null) chat.setAttribute("endpoint", SCRIPT.endpoint);
    if (SCRIPT.lang) chat.setAttribute("data-lang", SCRIPT.lang);
    if (SCRIPT.inline) chat.setAttribute("inline", "");
    document.body.append(chat);
  }
  if (script && script.src) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", mount, { once: true });
    } else mount();
  }
})();
