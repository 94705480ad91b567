import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The keyring's own small file. A new key is appended, and synced by `sync` before any event
/// sealed under it is committed; forgetting a key rewrites the file compactly (temp file, fsync,
/// rename, fsync of the directory) so the forgotten key leaves no copy behind in the store's
/// files.
///
/// Layout: "CLKR" · version u8 (2) · entries to the end of the file, each id (u16 len) · state
/// u8 (1 live, 0 forgotten) · [32-byte key when live]; a later entry of an id wins. Version 1
/// files held a u32 count after the version and were rewritten whole on every change; they are
/// read and rewritten as version 2.
struct KeyringFile {
    static let magic: [UInt8] = Array("CLKR".utf8)
    static let version: UInt8 = 2
    private static let formerVersion: UInt8 = 1
    private static let headerSize = 5

    let directory: String
    var path: String { directory + "/keyring" }
    private var temporaryPath: String { directory + "/keyring.tmp" }

    /// Reads every entry. An append cut short by a crash (its key was never used: no event
    /// sealed under it was committed before the file was synced) is cut off the file.
    func load() throws -> [String: Keyring.Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        let bytes = [UInt8](data)
        let (entries, format, complete) = try bytes.withUnsafeBytes { try decode($0) }
        if format == Self.formerVersion {
            try store(entries)
        } else if complete < bytes.count {
            try truncate(to: complete)
        }
        return entries
    }

    /// Appends a new live key without syncing it (see `sync`); creates the file, durably, when
    /// there is none.
    func append(id: String, key: [UInt8], all entries: [String: Keyring.Entry]) throws {
        guard FileManager.default.fileExists(atPath: path) else { return try store(entries) }
        var writer = ByteWriter(capacity: 40 + id.utf8.count)
        encode(id, .live(key), into: &writer)
        defer { PersonalSeal.wipe(&writer.bytes) }
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open") }
        defer { close(fd) }
        try writeAll(writer.bytes, to: fd)
    }

    /// Makes every append so far durable.
    func sync() throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open") }
        defer { close(fd) }
        guard fdatasync(fd) == 0 else { throw failure("fdatasync") }
    }

    /// Rewrites the file with exactly `entries`.
    func store(_ entries: [String: Keyring.Entry]) throws {
        var writer = ByteWriter(capacity: 16 + entries.count * 64)
        writer.raw(Self.magic)
        writer.u8(Self.version)
        for (id, entry) in entries.sorted(by: { $0.key < $1.key }) {
            encode(id, entry, into: &writer)
        }
        try writeDurably(writer.bytes)
        PersonalSeal.wipe(&writer.bytes)
    }

    private func encode(_ id: String, _ entry: Keyring.Entry, into writer: inout ByteWriter) {
        writer.short(Array(id.utf8))
        switch entry {
        case .live(let key):
            writer.u8(1)
            writer.raw(key)
        case .forgotten:
            writer.u8(0)
        }
    }

    /// The entries, the file's version and the length of its complete entries.
    private func decode(_ raw: UnsafeRawBufferPointer) throws -> ([String: Keyring.Entry], UInt8, Int) {
        var reader = ByteReader(raw)
        let version: UInt8
        do {
            guard try reader.raw(4) == Self.magic else { throw ByteReader.Overrun() }
            version = try reader.u8()
        } catch {
            throw EventStoreError.keyringFile(operation: "decode", path: path, errno: EINVAL)
        }
        var entries: [String: Keyring.Entry] = [:]
        var remaining: UInt32?
        if version == Self.formerVersion {
            remaining = try? reader.u32()
        } else if version != Self.version {
            throw EventStoreError.keyringFile(operation: "decode", path: path, errno: EINVAL)
        }
        var complete = reader.offset
        while reader.offset < raw.count && remaining != 0 {
            do {
                let id = try reader.shortString()
                let state = try reader.u8()
                guard state <= 1 else {
                    throw EventStoreError.keyringFile(operation: "decode", path: path, errno: EINVAL)
                }
                entries[id] = state == 1 ? .live(try reader.raw(PersonalSeal.keySize)) : .forgotten
                complete = reader.offset
                remaining = remaining.map { $0 - 1 }
            } catch is ByteReader.Overrun {
                break
            }
        }
        if version == Self.formerVersion && remaining != 0 {
            throw EventStoreError.keyringFile(operation: "decode", path: path, errno: EINVAL)
        }
        return (entries, version, complete)
    }

    private func truncate(to length: Int) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open") }
        defer { close(fd) }
        guard ftruncate(fd, off_t(length)) == 0 else { throw failure("ftruncate") }
        guard fsync(fd) == 0 else { throw failure("fsync") }
    }

    private func writeAll(_ bytes: [UInt8], to fd: Int32) throws {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("write")
            }
            written += count
        }
    }

    private func writeDurably(_ bytes: [UInt8]) throws {
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("open") }
        do {
            try writeAll(bytes, to: fd)
            guard fsync(fd) == 0 else { throw failure("fsync") }
        } catch {
            close(fd)
            throw error
        }
        close(fd)
        guard rename(temporaryPath, path) == 0 else { throw failure("rename") }
        let dir = open(directory, O_RDONLY | O_CLOEXEC)
        guard dir >= 0 else { throw failure("open directory") }
        defer { close(dir) }
        guard fsync(dir) == 0 else { throw failure("fsync directory") }
    }

    private func failure(_ operation: String) -> EventStoreError {
        .keyringFile(operation: operation, path: path, errno: errno)
    }
}
