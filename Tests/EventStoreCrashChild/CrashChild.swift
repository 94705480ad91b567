import EventStore
import Foundation

/// Appends single events from several threads with fsync durability and prints
/// "<position> <event id>" for every acknowledged append, one unbuffered write per line, so the
/// parent knows exactly which appends were acknowledged when it kills this process. Each thread
/// appends to a stream of its own, or all of them to `shared` (tenant, stream) when given.
enum CrashChild {
    static let writers = 4

    /// The payload the crash test expects for an event id.
    static func payload(for id: UUID) -> [UInt8] {
        Array(String(repeating: "crash-payload-\(id.uuidString);", count: 3).utf8)
    }

    /// The personal bytes, sealed under a data key of the event's own, as a webhook's raw body is.
    static func personal(for id: UUID) -> [UInt8] {
        Array("personal-\(id.uuidString)".utf8)
    }

    static func run(path: String, shared: (tenant: UUID, stream: String)?) -> Never {
        let store: EventStore
        do {
            store = try EventStore(options: EventStoreOptions(path: path, initialMapSize: 256 << 10))
        } catch {
            FileHandle.standardError.write(Data("open failed: \(error)\n".utf8))
            exit(1)
        }
        let output = NSLock()
        let tenant = shared?.tenant ?? UUID()
        for writer in 0..<writers {
            let thread = Thread {
                let stream = StreamName(shared?.stream ?? "crash-\(tenant.uuidString)-\(writer)")
                while true {
                    let id = UUID()
                    let event = NewEvent(
                        id: id, type: "CrashProbe.v1", occurredAt: 0, payload: payload(for: id),
                        personal: personal(for: id), dataKey: DataKeyID("crash-\(id.uuidString)"))
                    let request = AppendRequest(streams: [
                        StreamAppend(tenant: tenant, stream: stream, expectedVersion: .any, events: [event])
                    ])
                    do {
                        let result = try store.append(request)
                        output.lock()
                        FileHandle.standardOutput.write(
                            Data("\(result.positions[0]) \(id.uuidString)\n".utf8))
                        output.unlock()
                    } catch {
                        FileHandle.standardError.write(Data("append failed: \(error)\n".utf8))
                        exit(1)
                    }
                }
            }
            thread.start()
        }
        while true { sleep(60) }
    }
}
