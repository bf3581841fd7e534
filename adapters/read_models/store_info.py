"""``sitlog init``: what the store is and what it holds."""

from pydantic import Field
from sitlog.adapters.read_models.base import Count, Row, Section, Table


class StoreInfo(Row):
    kind: str = Field(description="sqlite or postgresql.")
    url: str = Field(description="The store's URL, any password masked as ***.")
    events: Count = Field(description="Events in the log.")

    def table(self) -> Table:
        return {"": Section(StoreInfo, [self])}
