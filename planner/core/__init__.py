"""The pure core: the plan, the rules and the engine. No Textual, no files, no clock, no TOML."""
