"""The HTML pages: thin views that parse a form, check access, call one service, render."""
