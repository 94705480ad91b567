import Foundation
import Projections

/// The built `chatledger` executable, run as a child process: `serve` on a data directory and
/// database of the test's own, or a maintenance command run to completion.
final class ServerProcess {
    let process: Process
    /// The port the child bound (it is started with `PORT=0` and says which in its log).
    let port: UInt16
    let logPath: String

    private init(process: Process, port: UInt16, logPath: String) {
        self.process = process
        self.port = port
        self.logPath = logPath
    }

    /// `chatledger` is built next to the test bundle.
    static func executable() throws -> URL {
        let candidates = [
            Bundle.main.executableURL, URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
        ]
        for case let executable? in candidates {
            var directory = executable.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("chatledger")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
        }
        throw ServerProcessError.notFound
    }

    /// Starts `chatledger serve` with `environment` (plus `PORT=0`), its stderr in `logPath`,
    /// and returns once it logged the port it listens on (within `timeout` seconds).
    static func serve(environment: [String: String], logPath: String, timeout: Double = 30) throws
        -> ServerProcess
    {
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        defer { try? log.close() }
        let process = Process()
        process.executableURL = try executable()
        process.arguments = ["serve"]
        var all = environment
        all["PORT"] = "0"
        all["CHATLEDGER_LOG_LEVEL"] = "info"
        process.environment = all
        process.standardOutput = FileHandle.nullDevice
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let port = listeningPort(in: logPath) {
                return ServerProcess(process: process, port: port, logPath: logPath)
            }
            guard process.isRunning else {
                throw ServerProcessError.exited(process.terminationStatus, tail(of: logPath))
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        throw ServerProcessError.timedOut("serve", tail(of: logPath))
    }

    /// SIGKILL: no shutdown code runs.
    func sigkill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then SIGKILL when the server has not stopped within `timeout` seconds; true
    /// when it stopped by itself.
    @discardableResult
    func terminate(timeout: Double = 15) -> Bool {
        Foundation.kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard process.isRunning else { return true }
        sigkill()
        return false
    }

    /// Runs `chatledger <arguments>` to completion (SIGKILL after `timeout` seconds); returns
    /// its exit status and standard output. Standard error goes to `logPath`.
    static func run(
        _ arguments: [String], environment: [String: String], logPath: String, timeout: Double = 60
    ) throws -> (status: Int32, output: String) {
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        defer { try? log.close() }
        let outputPath = logPath + ".out"
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        defer { try? output.close() }
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = output
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw ServerProcessError.timedOut(arguments.joined(separator: " "), tail(of: logPath))
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }

    /// The last lines of a log, for failure messages.
    static func tail(of path: String, lines: Int = 20) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    private static func listeningPort(in logPath: String) -> UInt16? {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.contains("\"http server listening\"") {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if let port = object?["port"] as? Int, let bound = UInt16(exactly: port), bound != 0 {
                return bound
            }
        }
        return nil
    }
}

enum ServerProcessError: Error {
    case notFound
    case exited(Int32, String)
    case timedOut(String, String)
}

/// A PostgreSQL database of one test's own, created from `DATABASE_URL` and dropped by `drop`.
struct ScratchDatabase {
    let name: String
    let url: String
    private let admin: Database

    init(prefix: String) throws {
        let name =
            prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        let admin = try Database(url: TestApp.baseURL, maxConnections: 1)
        try admin.withConnection { _ = try $0.execute("CREATE DATABASE \(name)") }
        self.name = name
        self.admin = admin
        url = try DatabaseURL.replacingDatabase(in: TestApp.baseURL, with: name)
    }

    /// Drops the database, closing what a killed server may have left connected.
    func drop() {
        _ = try? admin.withConnection { try $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        admin.closeIdle()
    }
}
