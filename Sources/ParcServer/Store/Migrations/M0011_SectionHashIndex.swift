/// Every agent request reads the agent's section hashes with its authentication: an index that
/// holds them answers from the index alone, without the rows and their large contents.
enum M0011_SectionHashIndex {
    static let migration = Migration(version: 11, name: "section hash index") { _ in
        ["CREATE INDEX agent_sections_hashes ON agent_sections (agent_id, section, hash)"]
    }
}
