"""Shared domain code that several parts of the procedure use: deadlines, uploads, errors,
text and spreadsheet helpers, the REST API's common pieces. Pages and the site shell live in
``haertefall.portal``."""
