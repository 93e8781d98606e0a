"""What a county configures for its public site: address, publisher, licence, statements.

Kept apart from the DCAT writer so that reading the options does not import rdflib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field

from reports.statements import Organisation

DEFAULT_LICENSE = "http://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class SiteSettings:
    """What the county configures for its site: address, publisher and statements."""

    organisation: Organisation = field(default_factory=Organisation)
    base_url: str | None = None
    publisher_orgnr: str | None = None
    license: str = DEFAULT_LICENSE

    def missing_for_dcat(self) -> list[str]:
        """The options a DCAT catalogue needs that were not given (empty when complete)."""
        wanted = {
            "--base-url": self.base_url,
            "--publisher-orgnr": self.publisher_orgnr,
            "--org-name": self.organisation.name,
            "--org-contact": self.organisation.contact,
        }
        return [option for option, value in wanted.items() if not value]


ORGNR = re.compile(r"^(?:SE)?(\d{6})-?(\d{4})$")


def publisher_iri(orgnr: str) -> str:
    """dataportal.se's IRI for an organisation number (``212000-2411`` or ``2120002411``)."""
    found = ORGNR.match(orgnr.strip())
    if found is None:
        raise ValueError(orgnr)
    return f"http://dataportal.se/organisation/SE{found[1]}{found[2]}"
