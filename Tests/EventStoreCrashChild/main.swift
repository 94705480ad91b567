import Foundation

// Appends until killed; see CrashChild.swift. Usage: EventStoreCrashChild <store directory>
guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: EventStoreCrashChild <store directory>\n".utf8))
    exit(2)
}
CrashChild.run(path: CommandLine.arguments[1])
