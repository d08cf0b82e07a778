/// PostgreSQL compresses large values (a software section of 1,500 programs is 200 KB of JSON) with
/// pglz by default; lz4 does it several times faster, which matters when hundreds of inventories a
/// second rewrite their software section. Values already stored keep their compression. A server
/// built without lz4 keeps pglz. SQLite stores the text as it is.
enum M0022_SectionCompression {
    static let migration = Migration(version: 22, name: "section compression") { flavor in
        switch flavor {
        case .sqlite: []
        case .postgres:
            [
                """
                DO $$ BEGIN
                    EXECUTE 'ALTER TABLE agent_sections ALTER COLUMN content SET COMPRESSION lz4';
                EXCEPTION WHEN OTHERS THEN NULL;
                END $$
                """
            ]
        }
    }
}
