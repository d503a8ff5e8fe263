"""The domain, store, rules, scoring and exports. Nothing below here imports Qt."""
