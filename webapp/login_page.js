// Micro Film Studio, login page. Chainlit shows a refused sign-in as a toast that reads
// "<HTTP reason>: <detail>", e.g. "Unauthorized: Wrong username or password.". The server
// (webapp/auth.py) already words the detail for the reader, in their language, so the HTTP
// reason in front of it is only noise: this drops it. Served as Chainlit's custom_js.
(() => {
  const REASON = /^(Unauthorized|Too Many Requests): /;

  const tidy = () => {
    if (!window.location.pathname.endsWith("/login")) return;
    for (const title of document.querySelectorAll("[data-sonner-toast] [data-title]")) {
      const text = title.firstChild;
      if (text && text.nodeType === Node.TEXT_NODE && REASON.test(text.nodeValue)) {
        text.nodeValue = text.nodeValue.replace(REASON, "");
      }
    }
  };

  new MutationObserver(tidy).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
  });
})();
