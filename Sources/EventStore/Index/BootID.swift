import Foundation

/// Names the running boot of the machine, so the store can tell a crash of its own process
/// (the page cache, and with it every unsynced page, survives) from a crash of the machine.
enum BootID {
    static let current: String = {
        let path = "/proc/sys/kernel/random/boot_id"
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !id.isEmpty { return id }
        }
        // Unknown boot: never equal to a recorded one, so an unclean index is always rebuilt.
        return "unknown-" + UUID().uuidString
    }()
}
