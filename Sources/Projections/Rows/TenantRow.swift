import Domain
import Foundation

struct TenantRow: ProjectedRow {
    static let table = "tenants"
    static let columns = [
        "tenant_id", "name", "slug", "created_at", "channel_provider", "channel_status", "channel_status_at",
        "total_messages",
    ]
    var key: UUID
    var name: String?
    var slug: String?
    var createdAt: Int64?
    var channelProvider: String?
    var channelStatus = ChannelStatus.unconfigured.rawValue
    var channelStatusAt: Int64?
    var totalMessages: Int64 = 0

    init(key: UUID) {
        self.key = key
    }

    init(_ r: QueryResult, _ i: Int) throws {
        key = try r.requiredUUID(i, 0)
        name = r.string(i, 1)
        slug = r.string(i, 2)
        createdAt = try r.int64(i, 3)
        channelProvider = r.string(i, 4)
        channelStatus = r.string(i, 5) ?? ChannelStatus.unconfigured.rawValue
        channelStatusAt = try r.int64(i, 6)
        totalMessages = try r.requiredInt(i, 7)
    }

    var fields: [ColumnValue] {
        [
            .uuid(key), .text(name), .text(slug), .int(createdAt), .text(channelProvider),
            .text(channelStatus),
            .int(channelStatusAt), .int(totalMessages),
        ]
    }
}
