import CLibPQ
import Foundation

/// One libpq connection. Used by one thread at a time: the pool hands it out exclusively.
// @unchecked Sendable: the PGconn is only touched by the thread that checked it out of the
// pool, so no two threads use it at once.
public final class Connection: @unchecked Sendable {
    private let handle: OpaquePointer
    private var prepared: [String: String] = [:]

    /// Opens a connection; a failure to connect is `DatabaseError.unavailable`.
    init(conninfo: String) throws {
        guard let conn = PQconnectdb(conninfo) else {
            throw DatabaseError.unavailable(message: "PQconnectdb returned no connection")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn))
            PQfinish(conn)
            throw DatabaseError.unavailable(message: message.trimmed)
        }
        handle = conn
        // Notices (e.g. "relation already exists, skipping") would go to stderr otherwise.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit {
        PQfinish(handle)
    }

    /// False once the server closed the connection or the socket broke.
    var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Runs one statement through `PQexecParams` with text parameters `$1…$n`.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> QueryResult {
        let texts = parameters.map { $0.postgresText }
        let raw = try withParameterPointers(texts) { pointers in
            PQexecParams(handle, sql, Int32(texts.count), nil, pointers, nil, nil, 0)
        }
        return try check(raw)
    }

    /// Runs a statement and returns the number of rows it touched.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try query(sql, parameters).affectedRows
    }

    /// Runs a hot-path statement as a prepared statement (prepared on this connection the
    /// first time this exact SQL text is seen, then executed with `PQexecPrepared`).
    @discardableResult
    public func queryPrepared(_ sql: String, _ parameters: [any PostgresEncodable]) throws -> QueryResult {
        let name: String
        if let known = prepared[sql] {
            name = known
        } else {
            name = "s\(prepared.count + 1)"
            try check(PQprepare(handle, name, sql, Int32(parameters.count), nil))
            prepared[sql] = name
        }
        let texts = parameters.map { $0.postgresText }
        let raw = try withParameterPointers(texts) { pointers in
            PQexecPrepared(handle, name, Int32(texts.count), pointers, nil, nil, 0)
        }
        return try check(raw)
    }

    /// Forgets prepared statements (after `DISCARD ALL` or a schema switch changes plans).
    func forgetPrepared() {
        prepared.removeAll()
    }

    /// Runs `COPY … FROM STDIN` (text format); `body` writes the rows. Returns rows copied.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (inout CopyWriter) throws -> Void) throws -> Int {
        try check(PQexec(handle, sql), allowCopyIn: true)
        var writer = CopyWriter(connection: self)
        var failure: Error?
        do {
            try body(&writer)
            try writer.flush()
        } catch {
            failure = error
        }
        let message = failure.map { "\($0)" }
        if PQputCopyEnd(handle, message) != 1 {
            throw DatabaseError.unavailable(message: lastError)
        }
        var copied = 0
        var lastFailure: Error?
        while let raw = PQgetResult(handle) {
            do {
                copied += try check(raw).affectedRows
            } catch {
                lastFailure = error
            }
        }
        if let failure { throw failure }
        if let lastFailure { throw lastFailure }
        return copied
    }

    /// Sends a chunk of COPY data; used by `CopyWriter`.
    func putCopyData(_ bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                PQputCopyData(handle, $0, Int32(buffer.count))
            }
        }
        if sent != 1 { throw DatabaseError.unavailable(message: lastError) }
    }

    private var lastError: String { String(cString: PQerrorMessage(handle)).trimmed }

    /// The one place a `PGresult` status is interpreted.
    @discardableResult
    private func check(_ raw: OpaquePointer?, allowCopyIn: Bool = false) throws -> QueryResult {
        guard let raw else {
            throw DatabaseError.unavailable(message: lastError)
        }
        let result = QueryResult(handle: raw)
        switch PQresultStatus(raw) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return result
        case PGRES_COPY_IN where allowCopyIn:
            return result
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR:
            let state = PQresultErrorField(raw, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = String(cString: PQresultErrorMessage(raw)).trimmed
            if !isHealthy || state == nil {
                throw DatabaseError.unavailable(message: message.isEmpty ? lastError : message)
            }
            throw DatabaseError.server(sqlState: state ?? "", message: message)
        case PGRES_BAD_RESPONSE:
            throw DatabaseError.unavailable(message: lastError)
        default:
            let status = String(cString: PQresStatus(PQresultStatus(raw)))
            throw DatabaseError.server(sqlState: "", message: "unexpected result status \(status)")
        }
    }

    private func withParameterPointers<T>(
        _ texts: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T
    ) throws -> T {
        let owned: [UnsafeMutablePointer<CChar>?] = texts.map { $0.map { strdup($0) } }
        defer { owned.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = owned.map { $0.map { UnsafePointer($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
