"""How every adapter shows a source the same way."""
from bot.models import Citation



def source_label(c: Citation) -> str:
    """ "Titel — § 8, stk. 3 (s. 12)": how a person finds the passage again."""
    page = f" (s. {c.page})" if c.page else ""
    return f"{c.title} — {c.section}{page}"
