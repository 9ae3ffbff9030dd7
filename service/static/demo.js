// The demo page's script (GET /, service/static/demo.html), a file of its own so the page's
// Content-Security-Policy allows only scripts from the service (`script-src 'self'`).
// The snippet shows this server's address; the example buttons ask through the widget.
(() => {
  "use strict";
  const origin = window.location.origin;
  const snippet = document.getElementById("snippet");
  snippet.textContent = snippet.textContent.replaceAll("https://exemple.org", origin);
  for (const button of document.querySelectorAll(".examples button")) {
    button.addEventListener("click", async () => {
      await customElements.whenDefined("rag-chat");
      const chat = document.querySelector("rag-chat");
      if (chat) chat.ask(button.textContent.trim());
    });
  }
})();
