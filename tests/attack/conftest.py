"""The hostile suite. Tests marked `attack_full` (the 10,000-mutation runs) are deselected unless
asked for by name: `pytest tests/attack -m attack_full -p no:cacheprovider`."""


def pytest_configure(config):
    config.addinivalue_line("markers", "attack_full: long hostile runs, deselected unless -m attack_full")


def pytest_collection_modifyitems(config, items):
    if "attack_full" in (config.option.markexpr or ""):
        return
    kept = [i for i in items if i.get_closest_marker("attack_full") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
