"""Prompt files in prompts/ with $variables; a missing or unknown variable is a hard error."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
REQUIRED = {"answer": {"question", "passages", "language"}, "condense": {"question", "history"}}


class PromptError(Exception):
    pass


@dataclass(frozen=True)
class Prompt:
    name: str
    template: str

    @property
    def variables(self) -> set[str]:
        return set(re.findall(r"\$\{?([a-z_]+)\}?", self.template))

    def render(self, **values: str) -> str:
        missing, unknown = self.variables - set(values), set(values) - self.variables
        if missing or unknown:
            raise PromptError(f"prompt {self.name}: missing {sorted(missing)}, unexpected {sorted(unknown)}")
        return Template(self.template).substitute(values)


@dataclass(frozen=True)
class Prompts:
    answer: Prompt
    condense: Prompt

    @classmethod
    def load(cls, folder: Path = PROMPTS_DIR) -> "Prompts":
        loaded = {}
        for name, required in REQUIRED.items():
            prompt = Prompt(name, (folder / f"{name}.md").read_text(encoding="utf-8"))
            if prompt.variables != required:
                raise PromptError(f"{folder / name}.md uses {sorted(prompt.variables)}, expected {sorted(required)}")
            loaded[name] = prompt
        return cls(**loaded)
