"""One module per subcommand, each exposing `command`."""
