import Foundation

// Appends until killed; see CrashChild.swift.
// Usage: EventStoreCrashChild <store directory> [<tenant> <stream>]
let arguments = CommandLine.arguments
guard arguments.count == 2 || arguments.count == 4,
    arguments.count == 2 || UUID(uuidString: arguments[2]) != nil
else {
    FileHandle.standardError.write(
        Data("usage: EventStoreCrashChild <store directory> [<tenant> <stream>]\n".utf8))
    exit(2)
}
CrashChild.run(
    path: arguments[1],
    shared: arguments.count == 4 ? (UUID(uuidString: arguments[2])!, arguments[3]) : nil)
