"""One module per command; cli.py only parses options and maps errors to exit codes."""
