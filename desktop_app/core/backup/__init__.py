"""Backups: `create` (online backup, automatic rotation, due check), `restore` (check, then replace),
`archive` (the file format and listing), `rotation` (which automatic backups to keep)."""
