import Foundation

/// A PostgreSQL cluster of its own that a test can stop and start (so an outage does not
/// disturb the tests sharing the checkout's cluster). Runs as `postgres` when we are root.
final class OutageCluster {
    let base: String
    let port: Int
    private let binaries: String

    init() throws {
        let versions = try FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql").sorted {
            $0.compare($1, options: .numeric) == .orderedAscending
        }
        guard let version = versions.last else { throw OutageClusterError.noServer }
        binaries = "/usr/lib/postgresql/\(version)/bin"
        base = "/tmp/chatledger-outage-\(UUID().uuidString.prefix(8))"
        port = 55_000 + Int.random(in: 0..<900)
        try FileManager.default.createDirectory(atPath: base + "/run", withIntermediateDirectories: true)
        try run("chown", ["-R", "postgres:", base], asOwner: false)
        try run(
            binaries + "/initdb",
            ["-D", base + "/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"])
        try start()
    }

    var url: String { "postgresql:///postgres?host=\(base)/run&port=\(port)&user=postgres" }

    func start() throws {
        try run(
            binaries + "/pg_ctl",
            [
                "-D", base + "/data", "-l", base + "/server.log", "-w", "-t", "60", "-o",
                "-k \(base)/run -p \(port) -c listen_addresses='' -c fsync=off", "start",
            ])
    }

    func stop() throws {
        try run(binaries + "/pg_ctl", ["-D", base + "/data", "-m", "immediate", "-w", "stop"])
    }

    func destroy() {
        try? stop()
        try? FileManager.default.removeItem(atPath: base)
    }

    /// posix_spawn + waitpid: Foundation's `Process` can miss the exit of a tool that starts
    /// a daemon (pg_ctl), so the wait is done by hand.
    private func run(_ tool: String, _ arguments: [String], asOwner: Bool = true) throws {
        var argv = [tool] + arguments
        if asOwner && getuid() == 0 { argv = ["/usr/sbin/runuser", "-u", "postgres", "--"] + argv }
        if !argv[0].hasPrefix("/") { argv[0] = "/usr/bin/" + argv[0] }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw OutageClusterError.failed("spawn \(argv[0]): \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { throw OutageClusterError.failed(argv.joined(separator: " ")) }
    }
}

enum OutageClusterError: Error {
    case noServer
    case failed(String)
}
