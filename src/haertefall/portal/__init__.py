"""The site shell around the parts of the procedure: start page and its work queues,
navigation, page frame (``base.html``, form templates, KERN UX assets), security headers and
the demo data. The template and static folders keep their former names (``core/...``, e.g.
``core/includes/form_errors.html``, ``core/app.css``) because every part's pages use them."""
