"""The dataset an import keeps: the keys of the rows its snapshots brought, and those that vanished."""

from sitlog.domain.dataset import Dataset


def test_keys_are_noted_once_and_vanished_keys_are_noted_and_forgotten():
    dataset = Dataset(kind="missile-attacks-csv", operator="tester")
    dataset.imported("old.csv", ["a", "b", "a"], operator="tester")
    dataset.imported("old.csv", ["a", "b"], operator="tester")  # nothing new: no event
    assert [type(e).__name__ for e in dataset.pending_events] == ["Registered", "RowsImported"]
    assert dataset.pending_events[1].keys == ("a", "b")
    assert dataset.vanished("new.csv", {"b", "c"}, operator="tester") == ("a",)
    assert dataset.vanished("new.csv", {"b", "c"}, operator="tester") == ()  # already noted
    assert dataset.keys == {"b"}
    assert [type(e).__name__ for e in dataset.pending_events][-1] == "RowsVanished"
    assert Dataset.create_id("missile-attacks-csv") == dataset.id
