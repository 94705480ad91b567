import Foundation
import Projections

/// Severity of a log line.
public enum LogLevel: Int, Sendable, Comparable {
    case debug = 0
    case info = 1
    case warning = 2
    case error = 3

    var name: String {
        switch self {
        case .debug: return "debug"
        case .info: return "info"
        case .warning: return "warning"
        case .error: return "error"
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses `debug|info|warning|error`.
    public init?(name: String) {
        switch name.lowercased() {
        case "debug": self = .debug
        case "info": self = .info
        case "warning", "warn": self = .warning
        case "error": self = .error
        default: return nil
        }
    }
}

/// Writes one JSON object per line on stderr (`ts`, `level`, `msg`, then the fields).
public struct Logger: Sendable {
    public let minimumLevel: LogLevel

    public init(minimumLevel: LogLevel = .info) {
        self.minimumLevel = minimumLevel
    }

    /// Logs `message` with extra fields when `level` passes the threshold.
    public func log(_ level: LogLevel, _ message: String, _ fields: [String: JSONValue] = [:]) {
        guard level >= minimumLevel else { return }
        var object = fields
        object["ts"] = .string(Timestamp.format(milliseconds: Timestamp.nowMilliseconds()))
        object["level"] = .string(level.name)
        object["msg"] = .string(message)
        let line = Array((JSONValue.object(object).serialized() + "\n").utf8)
        // One write(2) per line keeps lines from concurrent threads whole.
        line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    public func debug(_ message: String, _ fields: [String: JSONValue] = [:]) { log(.debug, message, fields) }
    public func info(_ message: String, _ fields: [String: JSONValue] = [:]) { log(.info, message, fields) }
    public func warning(_ message: String, _ fields: [String: JSONValue] = [:]) {
        log(.warning, message, fields)
    }
    public func error(_ message: String, _ fields: [String: JSONValue] = [:]) { log(.error, message, fields) }
}
