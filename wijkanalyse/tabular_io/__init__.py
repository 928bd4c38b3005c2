"""Read and write tables of opgaven (CSV and Excel) as validated DataFrames.

Pure file <-> DataFrame functions: nothing here touches the store. :func:`lees_opgaven`
either returns a frame that is valid as a whole or raises :class:`InvoerFout` (file, row
and column), so the caller can insert the frame in one transaction.

Choices (see also the tests):

* Rows are numbered as the user sees them in Excel: the header is row 1, the first data row
  is row 2. In a CSV file a "row" is a record (a cell with a line break stays one row).
* Line endings inside cells are normalised to ``"\n"`` on reading (Excel files cannot keep a
  bare ``"\r"``), so a frame that came out of :func:`lees_opgaven` round-trips exactly.
* Formula injection: in ``.xlsx`` every text is stored as a text cell, never as a formula,
  so ``"=SOM(A1)"`` shows as text and round-trips unchanged. In ``.csv`` a text whose first
  character (after any leading apostrophes) is ``= + - @`` or a tab gets an
  extra leading apostrophe (the OWASP advice); on reading exactly one apostrophe is removed
  again in that case. A text such as ``'s-Hertogenbosch`` is left alone in both directions.
* ``titel`` and the fixed words (transitie, soort, rol) are stripped and lower-cased where
  appropriate; the free texts (aanleiding, eigenaar, beschrijving) are kept as written.
* The header may sit below title rows (a team's sheet often starts with a title such as
  "Inventarisatie opgaven wijk Laak"): the first of the first ten filled rows that names at
  least two known columns is the header; the rows above it are skipped and listed.
* Every column gets a proposed target (Type/Soort -> soort, Toelichting/Omschrijving ->
  beschrijving, Trekker -> eigenaar, Startjaar -> start_jaar, ...); the advisor can change it
  per column in the preview (``keuze``), and the import widget remembers that choice in the
  workspace. Columns that are not recognised (Nr., "Budget (mln €)") are skipped and named
  in the preview, except a header that looks like a misspelt known column
  ("startjar"): that is refused, so a typo never silently drops a column. Columns without a
  name are ignored when they are empty.
* A year column accepts a date (an Excel date, "2027-03-01" or "01-03-2027"): its year counts.
* Cells merged down a column (one "energie" for three rows) count for every row they cover.
* An Excel workbook: the sheet called "Opgaven" is read if there is one; otherwise the only
  filled sheet (a sheet "Toelichting" and hidden sheets do not count). Several filled sheets
  and no "Opgaven" sheet is refused by :func:`lees_opgaven`, because guessing could import the
  wrong list; the preview instead reads the first filled sheet and offers the others.
* Exports write the Dutch headers the import reads (``KOPPEN``: "Startjaar", not
  ``start_jaar``), so an export read back in update mode changes nothing.

Where each part lives:

- :mod:`.bestand`: reading a file as it comes (encoding, separator, header below title rows,
  which sheet, merged cells);
- :mod:`.begrensd`: streaming a workbook sheet within stated limits (rows, columns, cells,
  cell length), whatever size the file declares;
- :mod:`.kolommen`: the columns, the aliases a team may write, mapping a header onto them;
- :mod:`.waarden`: the values of each row, errors per row and column;
- :mod:`.inlezen`: :func:`lees_opgaven`, a file to a validated DataFrame;
- :mod:`.voorbeeld`: the preview of an import (:func:`voorbeeld_opgaven`);
- :mod:`.schrijven`: writing CSV and Excel, and the empty template;
- :mod:`.formule`: protection against formula injection.

"""

from __future__ import annotations

from .bestand import MAX_TITELRIJEN, open_werkboek
from .formule import bescherm_formule, herstel_formule
from .inlezen import lees_opgaven
from .kolommen import (
    CSV_EXTENSIES,
    EXCEL_EXTENSIES,
    JAAR_KOLOMMEN,
    JAAR_MAX,
    JAAR_MIN,
    KOLOM_NAMEN,
    KOLOMMEN,
    KOPPEN,
    MAX_FOUTEN,
    MAX_RIJEN,
    MAX_UITGEPAKT,
    OVERSLAAN,
    SJABLOON_BLAD,
    STANDAARD,
    TOELICHTING_BLAD,
    VERPLICHT,
    VRIJE_TEKST,
    kop_sleutel,
    voorgestelde_doel,
)
from .schrijven import schrijf_opgaven, schrijf_sjabloon, zet_tekst
from .voorbeeld import ImportVoorbeeld, voorbeeld_opgaven, werkboek_bladen
from .waarden import normaliseer_woord

__all__ = [
    "CSV_EXTENSIES",
    "EXCEL_EXTENSIES",
    "ImportVoorbeeld",
    "JAAR_KOLOMMEN",
    "JAAR_MAX",
    "JAAR_MIN",
    "KOLOMMEN",
    "KOLOM_NAMEN",
    "KOPPEN",
    "OVERSLAAN",
    "MAX_FOUTEN",
    "MAX_RIJEN",
    "MAX_TITELRIJEN",
    "MAX_UITGEPAKT",
    "SJABLOON_BLAD",
    "STANDAARD",
    "TOELICHTING_BLAD",
    "VERPLICHT",
    "VRIJE_TEKST",
    "bescherm_formule",
    "herstel_formule",
    "kop_sleutel",
    "voorgestelde_doel",
    "werkboek_bladen",
    "lees_opgaven",
    "normaliseer_woord",
    "open_werkboek",
    "schrijf_opgaven",
    "schrijf_sjabloon",
    "voorbeeld_opgaven",
    "zet_tekst",
]
