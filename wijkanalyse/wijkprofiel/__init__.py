"""The wijkprofiel: CBS StatLine import (reading, region matching, storing),
the profile beside gemeente and country, and the signals offered as opgaven."""
