"""``sitlog verify``: how much of the log was verified, and the head of its hash chain."""

from pydantic import Field
from sitlog.adapters.read_models.base import Count, Row, Section, Table


class Verification(Row):
    events: Count = Field(description="Events whose seals and links were recomputed and found intact.")
    first: int | None = Field(description="The position of the first event verified (null: none).")
    last: int | None = Field(description="The position of the last event verified (null: none).")
    head: str = Field(description="The chain's link at the last event verified, in hexadecimal: note it "
                                  "outside the database and check it later with `sitlog verify --head`.")
    head_found_at: int | None = Field(description="With --head: the position whose link it is.")

    def table(self) -> Table:
        return {"": Section(Verification, [self])}
