import Foundation
import Testing

@testable import API

@Suite struct ServerSecretsTests {
    func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "chatledger-secrets-" + UUID().uuidString
    }

    @Test func missingSecretsAreGeneratedWithOwnerOnlyModeAndReused() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try ServerSecrets.load(environment: [:], dataDirectory: directory)
        #expect(first.masterKey.count == 32)
        #expect(first.jwtSecret.count >= 32)
        for name in ["jwt.secret", "master.key"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + name)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
        let second = try ServerSecrets.load(environment: [:], dataDirectory: directory)
        #expect(second.masterKey == first.masterKey)
        #expect(second.jwtSecret == first.jwtSecret)
    }

    @Test func environmentSecretsWinOverFiles() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = String(repeating: "ab", count: 32)
        let secrets = try ServerSecrets.load(
            environment: ["CHATLEDGER_MASTER_KEY": key, "CHATLEDGER_JWT_SECRET": "a plain pass phrase"],
            dataDirectory: directory)
        #expect(secrets.masterKey == [UInt8](repeating: 0xAB, count: 32))
        #expect(secrets.jwtSecret == Array("a plain pass phrase".utf8))
        #expect(!FileManager.default.fileExists(atPath: directory + "/master.key"))
    }

    @Test func malformedMasterKeyIsRefused() {
        #expect(throws: SecurityError.self) {
            try ServerSecrets.load(
                environment: ["CHATLEDGER_MASTER_KEY": "short"], dataDirectory: temporaryDirectory())
        }
    }
}
