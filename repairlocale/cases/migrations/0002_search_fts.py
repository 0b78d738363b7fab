"""The full-text part of the search index, per database.

SQLite: an FTS5 table over ``cases_searchdocument`` (external content) kept in step
by triggers, folding accents (``remove_diacritics 2``). PostgreSQL: a GIN index on
the same Dutch ``tsvector`` expression that ``cases.search`` queries.
"""

from django.db import migrations


class VendorRunSQL(migrations.RunSQL):
    """RunSQL that only runs on one database vendor."""

    def __init__(self, vendor, *args, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE cases_search_fts USING fts5(
        title, body,
        content='cases_searchdocument', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2"
    )""",
    """CREATE TRIGGER cases_search_fts_ai AFTER INSERT ON cases_searchdocument BEGIN
        INSERT INTO cases_search_fts(rowid, title, body)
        VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER cases_search_fts_ad AFTER DELETE ON cases_searchdocument BEGIN
        INSERT INTO cases_search_fts(cases_search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER cases_search_fts_au AFTER UPDATE ON cases_searchdocument BEGIN
        INSERT INTO cases_search_fts(cases_search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO cases_search_fts(rowid, title, body)
        VALUES (new.id, new.title, new.body);
    END""",
    "INSERT INTO cases_search_fts(cases_search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS cases_search_fts_au",
    "DROP TRIGGER IF EXISTS cases_search_fts_ad",
    "DROP TRIGGER IF EXISTS cases_search_fts_ai",
    "DROP TABLE IF EXISTS cases_search_fts",
]
POSTGRESQL_FORWARD = [
    """CREATE INDEX cases_searchdocument_fts ON cases_searchdocument USING gin ((
        setweight(to_tsvector('dutch'::regconfig, COALESCE(title_folded, '')), 'A')
        || setweight(to_tsvector('dutch'::regconfig, COALESCE(body_folded, '')), 'B')
    ))""",
]
POSTGRESQL_BACKWARD = ["DROP INDEX IF EXISTS cases_searchdocument_fts"]


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        VendorRunSQL("sqlite", SQLITE_FORWARD, SQLITE_BACKWARD),
        VendorRunSQL("postgresql", POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
    ]
