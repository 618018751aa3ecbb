"""Build-time code for the site: the calculator-form Markdown extension, the
asset pipeline that stages Pyodide and the calc wheel, and the local server.

Nothing here ships to the browser; only the `calc` package does.
"""
