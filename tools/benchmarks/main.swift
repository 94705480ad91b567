import Foundation

// One file per bench; a new bench is its file plus one line in this table.
let benches: [(name: String, run: () throws -> Void)] = [
    ("append", AppendBench.run),
    ("ingest", IngestBench.run),
    ("ingest-big", IngestBigBench.run),
    ("rebuild", RebuildBench.run),
    ("replay", ReplayBench.run),
    ("read", ReadBench.run),
    ("lag", LagBench.run),
]

let requested = CommandLine.arguments.dropFirst().first ?? "all"
let selected = requested == "all" ? benches : benches.filter { $0.name == requested }
if selected.isEmpty {
    FileHandle.standardError.write(
        Data("unknown bench \(requested); known: all \(benches.map(\.name).joined(separator: " "))\n".utf8))
    exit(2)
}
for bench in selected {
    do {
        try bench.run()
    } catch {
        FileHandle.standardError.write(Data("\(bench.name) failed: \(error)\n".utf8))
        exit(1)
    }
}
