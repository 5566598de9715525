"""Is this process ready to answer? For /readyz, and for `medbot doctor`'s serving checks."""
from __future__ import annotations


def readiness(app) -> tuple[bool, dict[str, str]]:
    """(ready, what each part says): the model loaded, the index reachable and not empty, the
    database reachable. Nothing is loaded or built here: a probe must stay cheap."""
    from sqlalchemy import text

    checks: dict[str, tuple[bool, str]] = {}
    loaded = getattr(app.embedder, "_model", True) is not None
    checks["model"] = (loaded, "loaded" if loaded else "not loaded yet")
    try:
        store = app.store
        units = store.count()
        checks["index"] = (units > 0, f"{units} units, generation {store.generation}" if units else "empty")
    except Exception as exc:  # noqa: BLE001 - whatever it is, the probe says not ready and why
        checks["index"] = (False, str(exc).splitlines()[0][:200])
    try:
        with app.database.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["database"] = (True, app.database.dialect.name)
    except Exception as exc:  # noqa: BLE001
        checks["database"] = (False, str(exc).splitlines()[0][:200])
    return all(ok for ok, _ in checks.values()), {name: said for name, (_, said) in checks.items()}
