"""click in Dutch: its own texts (usage, options, errors) translated for the CLI.

click marks its texts for gettext; we hand it a small dictionary instead of a compiled
catalogue. Texts not in the dictionary stay as click writes them.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

_NL = {
    "Aborted!": "Afgebroken.",
    "Commands": "Commando's",
    "Options": "Opties",
    "Positional arguments": "Argumenten",
    "Usage:": "Gebruik:",
    "Error: {message}": "Fout: {message}",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "Try '{command} {option}' for help.": "Hulp: '{command} {option}'.",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Missing argument": "Ontbrekend argument",
    "Missing command.": "Geen commando gegeven.",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende parameter",
    "Missing parameter: {param_name}": "Ontbrekende parameter: {param_name}",
    "No such command {name!r}.": "Onbekend commando {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "Option {name!r} does not take a value.": "Optie {name!r} krijgt geen waarde.",
    "Option {name!r} requires an argument.": "Optie {name!r} heeft een waarde nodig.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} heeft {nargs} waarden nodig.",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "Did you mean {possibility}?": "Bedoelt u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelt u een van: {possibilities}?)",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
    "Could not open file {filename!r}: {message}": (
        "Kan bestand {filename!r} niet openen: {message}"
    ),
    "default: {default}": "standaard: {default}",
    "deprecated": "verouderd",
    "directory": "map",
    "file": "bestand",
    "path": "pad",
    "integer": "geheel getal",
    "unknown error": "onbekende fout",
    "File {name!r} does not exist.": "Bestand {name!r} bestaat niet.",
    "Directory {name!r} does not exist.": "Map {name!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
}


def vertaal(tekst: str) -> str:
    return _NL.get(tekst, tekst)


def vertaal_meervoud(enkel: str, meer: str, n: int) -> str:
    return vertaal(enkel if n == 1 else meer)


def installeer() -> None:
    """Point click's gettext functions at the Dutch dictionary (idempotent)."""
    for naam in ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types"):
        module = importlib.import_module(f"click.{naam}")
        if hasattr(module, "_"):
            vars(module)["_"] = vertaal
        if hasattr(module, "ngettext"):
            vars(module)["ngettext"] = vertaal_meervoud


class Commando(click.Command):
    """A command whose usage line reads in Dutch."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)


class Groep(click.Group):
    """The command group, with Dutch usage lines for itself and its commands."""

    command_class = Commando

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        kwargs.setdefault("subcommand_metavar", "COMMANDO [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)
