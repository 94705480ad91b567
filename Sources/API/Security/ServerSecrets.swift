import Domain
import Foundation

/// The JWT signing secret and the master key for sealed channel secrets: from
/// `CHATLEDGER_JWT_SECRET` / `CHATLEDGER_MASTER_KEY` (hex), else from files in the data
/// directory, generated with mode 0600 on first start.
public struct ServerSecrets: Sendable {
    public let jwtSecret: [UInt8]
    public let masterKey: [UInt8]

    public init(jwtSecret: [UInt8], masterKey: [UInt8]) {
        self.jwtSecret = jwtSecret
        self.masterKey = masterKey
    }

    /// The key of the contact phone index, derived from the master key so that it needs no
    /// file of its own and stays the same across restarts.
    public var phoneIndexKey: [UInt8] {
        Sodium.hmacSHA256(key: masterKey, message: Array("chatledger/phone-index/v1".utf8))
    }

    public static func load(environment: [String: String], dataDirectory: String) throws -> ServerSecrets {
        let jwt = try secret(
            name: "CHATLEDGER_JWT_SECRET", environment: environment, file: dataDirectory + "/jwt.secret",
            length: 32, exactLength: false)
        let master = try secret(
            name: "CHATLEDGER_MASTER_KEY", environment: environment, file: dataDirectory + "/master.key",
            length: SecretBox.keyLength, exactLength: true)
        return ServerSecrets(jwtSecret: jwt, masterKey: master)
    }

    private static func secret(
        name: String, environment: [String: String], file: String, length: Int, exactLength: Bool
    ) throws -> [UInt8] {
        if let value = environment[name], !value.isEmpty {
            if let bytes = Hex.decode(value), exactLength ? bytes.count == length : bytes.count >= 16 {
                return bytes
            }
            guard !exactLength else {
                throw SecurityError.secretUnavailable(name: name, reason: "must be \(length * 2) hex digits")
            }
            // A free-form JWT secret is used as given.
            return Array(value.utf8)
        }
        if let text = try? String(contentsOfFile: file, encoding: .utf8) {
            guard let bytes = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                exactLength ? bytes.count == length : bytes.count >= 16
            else { throw SecurityError.secretUnavailable(name: name, reason: "\(file) is not valid hex") }
            return bytes
        }
        return try generate(name: name, file: file, length: length)
    }

    private static func generate(name: String, file: String, length: Int) throws -> [UInt8] {
        let directory = (file as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SecurityError.secretUnavailable(name: name, reason: "cannot create \(directory)")
        }
        let bytes = Sodium.randomBytes(length)
        // O_EXCL: two processes starting together must not overwrite each other's key.
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST, let text = try? String(contentsOfFile: file, encoding: .utf8),
                let existing = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return existing
            }
            throw SecurityError.secretUnavailable(
                name: name, reason: "cannot create \(file) (errno \(errno))")
        }
        defer { close(descriptor) }
        let text = Array((Hex.encode(bytes) + "\n").utf8)
        let written = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == text.count, fsync(descriptor) == 0 else {
            throw SecurityError.secretUnavailable(name: name, reason: "cannot write \(file)")
        }
        return bytes
    }
}
