"""One thin module per subcommand: parse options, call the core, hand the result to render."""
