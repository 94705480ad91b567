extension ReadModel {
    /// A SHA-256 (hex) over every read-model row, table by table in key order: equal digests
    /// mean equal read models (`chatledger digest`). The checkpoint is left out on purpose.
    public func digest() throws -> String {
        try run { connection, s in try Self.digest(schema: s, on: connection) }
    }

    static func digest(schema s: String, on connection: Connection) throws -> String {
        var parts: [String] = []
        for (table, key) in ReadModelSchema.dataTables {
            let rows = try connection.query(
                """
                SELECT '\(table):' || count(*) || ':' || coalesce(encode(sha256(convert_to(
                    string_agg(md5(t::text), '' ORDER BY t.\(key)), 'UTF8')), 'hex'), '')
                FROM \(s).\(table) t
                """)
            parts.append(rows.string(0, 0) ?? "")
        }
        let combined = try connection.query(
            "SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')", [parts.joined(separator: "\n")])
        return combined.string(0, 0) ?? ""
    }
}
