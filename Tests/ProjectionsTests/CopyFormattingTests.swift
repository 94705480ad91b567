import Foundation
import Testing

@testable import Projections

@Suite(.serialized) struct CopyFormattingTests {
    @Test func typedColumnsCopyAsPostgresReadsThem() throws {
        let ids = [UUID(), UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, UUID()]
        let numbers: [Int64] = [0, -1, 7, 1_763_000_000_123, .max, .min]
        try TestDatabase.with(migrated: false) { test in
            try test.database.withConnection { connection in
                try connection.execute(
                    "CREATE TABLE t (i int, id uuid, n bigint, v text, b boolean, a uuid[], m uuid)")
                let copied = try connection.copyIn("COPY t (i, id, n, v, b, a, m) FROM STDIN") { writer in
                    for (index, number) in numbers.enumerated() {
                        try writer.row([
                            .int(Int64(index)), .uuid(ids[index % ids.count]), .int(number),
                            .text(index == 0 ? "tab\there\\" : nil), .bool(index % 2 == 0),
                            .uuids(Array(ids.prefix(index % 3))), .uuid(nil),
                        ])
                    }
                }
                #expect(copied == numbers.count)
                let rows = try connection.query("SELECT id, n, v, b, a, m FROM t ORDER BY i")
                for (index, number) in numbers.enumerated() {
                    #expect(try rows.uuid(index, 0) == ids[index % ids.count])
                    #expect(try rows.int64(index, 1) == number)
                    #expect(rows.string(index, 2) == (index == 0 ? "tab\there\\" : nil))
                    #expect(rows.string(index, 3) == (index % 2 == 0 ? "t" : "f"))
                    let array = rows.string(index, 4).map(PostgresArrayParser.parse) ?? []
                    #expect(array.compactMap(UUID.init(uuidString:)) == Array(ids.prefix(index % 3)))
                    #expect(rows.string(index, 5) == nil)
                }
            }
        }
    }
}
