import Domain
import EventStore
import Foundation

/// The read-model rows touched by the events being projected, folded in memory.
///
/// Incremental mode loads the rows a batch needs from PostgreSQL first and writes back the
/// changed ones; bulk mode (rebuild into an empty schema) keeps every row in memory and COPYs
/// them once. `apply` only uses event data, so both modes produce the same rows.
final class ProjectionState {
    var tenants = RowSet<TenantRow>()
    var users = RowSet<UserRow>()
    var departments = RowSet<DepartmentRow>()
    var tags = RowSet<TagRow>()
    var contacts = RowSet<ContactRow>()
    var conversations = RowSet<ConversationRow>()
    var messages = RowSet<MessageRow>()
    var transfers = RowSet<TransferRow>()
    var ratings = RowSet<RatingRow>()
    var replyTimes = RowSet<ReplyTimeRow>()
    /// Contacts erased by the events applied since the last write (their older rows in the
    /// database are erased by SQL after the write).
    var erasedContacts: [UUID] = []

    static let erasedMarker = "[erased]"

    func clear() {
        tenants.clear()
        users.clear()
        departments.clear()
        tags.clear()
        contacts.clear()
        conversations.clear()
        messages.clear()
        transfers.clear()
        ratings.clear()
        replyTimes.clear()
        erasedContacts.removeAll()
    }

    /// The tenant row, created empty when the log has not registered the tenant (yet).
    func withTenant(_ id: UUID, _ change: (inout TenantRow) -> Void) {
        tenants.update(id, orAdd: { TenantRow(key: id) }, change)
    }
}
