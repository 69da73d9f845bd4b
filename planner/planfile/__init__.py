"""The plan file: TOML text and documents to ``Plan`` and back, with error positions."""
