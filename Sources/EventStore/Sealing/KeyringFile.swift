import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The keyring's own small file, rewritten whole on every change (temp file, fsync, rename,
/// fsync of the directory) so a forgotten key leaves no copy behind in the store's files.
///
/// Layout: "CLKR" · version u8 · count u32 · entries of id (u16 len) · state u8 (1 live, 0
/// forgotten) · [32-byte key when live].
struct KeyringFile {
    static let magic: [UInt8] = Array("CLKR".utf8)
    static let version: UInt8 = 1

    let directory: String
    var path: String { directory + "/keyring" }
    private var temporaryPath: String { directory + "/keyring.tmp" }

    func load() throws -> [String: Keyring.Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        let bytes = [UInt8](data)
        return try bytes.withUnsafeBytes { raw in
            do {
                var reader = ByteReader(raw)
                guard try reader.raw(4) == Self.magic, try reader.u8() == Self.version else {
                    throw EventStoreError.keyringFile(operation: "decode", path: path, errno: EINVAL)
                }
                var entries: [String: Keyring.Entry] = [:]
                for _ in 0..<(try reader.u32()) {
                    let id = try reader.shortString()
                    entries[id] =
                        try reader.u8() == 1 ? .live(try reader.raw(PersonalSeal.keySize)) : .forgotten
                }
                return entries
            } catch is ByteReader.Overrun {
                throw EventStoreError.keyringFile(operation: "decode", path: path, errno: EINVAL)
            }
        }
    }

    func store(_ entries: [String: Keyring.Entry]) throws {
        var writer = ByteWriter(capacity: 16 + entries.count * 64)
        writer.raw(Self.magic)
        writer.u8(Self.version)
        writer.u32(UInt32(entries.count))
        for (id, entry) in entries.sorted(by: { $0.key < $1.key }) {
            writer.short(Array(id.utf8))
            switch entry {
            case .live(let key):
                writer.u8(1)
                writer.raw(key)
            case .forgotten:
                writer.u8(0)
            }
        }
        try writeDurably(writer.bytes)
        PersonalSeal.wipe(&writer.bytes)
    }

    private func writeDurably(_ bytes: [UInt8]) throws {
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw failure("open") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let error = failure("write")
                close(fd)
                throw error
            }
            written += count
        }
        if fsync(fd) != 0 {
            let error = failure("fsync")
            close(fd)
            throw error
        }
        close(fd)
        guard rename(temporaryPath, path) == 0 else { throw failure("rename") }
        let dir = open(directory, O_RDONLY)
        guard dir >= 0 else { throw failure("open directory") }
        defer { close(dir) }
        guard fsync(dir) == 0 else { throw failure("fsync directory") }
    }

    private func failure(_ operation: String) -> EventStoreError {
        .keyringFile(operation: operation, path: path, errno: errno)
    }
}
