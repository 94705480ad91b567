import Domain
import Foundation
import Testing

/// Feeds mutated provider webhooks to both translators and the routing scan. Every body must
/// translate or throw a `DomainError`, quickly; a trap or hang prints the body (see
/// `FuzzCrashReport`). Replay one body with `WEBHOOK_FUZZ_SEED=<hex> WEBHOOK_FUZZ_ITERATION=<n>`.
@Suite struct WebhookFuzzTests {
    static let iterations = 100_000
    static let defaultSeed: UInt64 = 0xC4A7_1ED6_E5F0_0D01
    static let receivedAt: Int64 = 1_700_000_000_000
    static let slowest: Duration = .seconds(1)
    /// A bound on the CPU time of the whole run (about 50 s in a debug build): a guard against a
    /// run that hangs in pieces under `slowest`, far enough above the usual figure that a busy
    /// machine cannot make it fail. Other work does not stretch CPU time the way it stretches
    /// wall time (both are printed).
    static let wholeRunBudget: Duration = .seconds(240)

    @Test func mutatedWebhooksTranslateOrThrowDomainErrorWithinTime() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["WEBHOOK_FUZZ_SEED"].flatMap { UInt64($0, radix: 16) } ?? Self.defaultSeed
        let iterations =
            environment["WEBHOOK_FUZZ_ITERATION"].flatMap(Int.init).map { $0...$0 }
            ?? 0...(Self.iterations - 1)
        let corpus = try WebhookFuzzCorpus.bodies.map { try FuzzJSON(parsing: $0) }
        var run = FuzzRun(seed: seed)
        let clock = ContinuousClock()
        let started = clock.now
        let startedCPU = Self.threadCPUTime()
        FuzzCrashReport.arm()
        defer { FuzzCrashReport.disarm() }
        for iteration in iterations where run.issues < 20 {
            var mutator = WebhookMutator(
                random: SplitMix64(seed: seed &+ UInt64(iteration) &* 0x2545_F491_4F6C_DD1D))
            let body = mutator.mutate(corpus[Int(mutator.random.next() % UInt64(corpus.count))])
            run.check(body, iteration: iteration, replay: iterations.count == 1)
        }
        let elapsed = clock.now - started
        let cpu = Self.threadCPUTime() - startedCPU
        print(
            "webhook fuzz: seed \(String(seed, radix: 16)), \(run.bodies) bodies in \(elapsed) (CPU \(cpu)),"
                + " Meta translated \(run.metaTranslated), Evolution translated \(run.evolutionTranslated),"
                + " slowest call \(run.slowestCall)")
        #expect(run.issues == 0)
        #expect(cpu < Self.wholeRunBudget, "the whole run took \(cpu) of CPU, \(elapsed) of wall time")
        if iterations.count > 1 {
            // A mutator that only ever produced garbage would prove nothing about the translators.
            #expect(run.metaTranslated > run.bodies / 50, "\(run.metaTranslated) Meta bodies translated")
            #expect(
                run.evolutionTranslated > run.bodies / 50,
                "\(run.evolutionTranslated) Evolution bodies translated")
        }
    }

    /// CPU time of the calling thread: a synchronous test runs on one thread throughout.
    static func threadCPUTime() -> Duration {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
    }
}

/// The checks on one body, and the tally of a run.
struct FuzzRun {
    let seed: UInt64
    var bodies = 0
    var metaTranslated = 0
    var evolutionTranslated = 0
    var issues = 0
    var slowestCall: Duration = .zero
    private let clock = ContinuousClock()

    init(seed: UInt64) { self.seed = seed }

    mutating func check(_ body: [UInt8], iteration: Int, replay: Bool) {
        bodies += 1
        let replayHint = "WEBHOOK_FUZZ_SEED=\(String(seed, radix: 16)) WEBHOOK_FUZZ_ITERATION=\(iteration)"
        FuzzCrashReport.set(
            header: "webhook fuzz: trapped or hung on \(replayHint), body of \(body.count) bytes:\n",
            body: body)
        if replay { print("webhook fuzz: \(replayHint), body: \(Self.escaped(body))") }
        var problems: [String] = []
        let meta = call("MetaWebhookTranslator.translate", &problems) {
            try MetaWebhookTranslator.translate(body)
        }
        let channelIds = call("MetaWebhookTranslator.channelIds", &problems) {
            try MetaWebhookTranslator.channelIds(body)
        }
        let evolution = call("EvolutionWebhookTranslator.translate", &problems) {
            try EvolutionWebhookTranslator.translate(body, receivedAt: WebhookFuzzTests.receivedAt)
        }
        switch (meta, channelIds) {
        case (.success(let translation), .success(let ids)):
            metaTranslated += 1
            let translatedIds = translation.channels.map(\.channelId)
            if ids != translatedIds {
                problems.append("channelIds \(ids) but translate grouped \(translatedIds)")
            }
            // Reflection costs as much as translating; every fourth translation is enough
            // to catch a value that slips past JSONNode, which every string goes through.
            if metaTranslated % 4 == 0 { problems += Self.unsafeValues(in: translation, at: "meta") }
        case (.success, .failure(let error)):
            problems.append("translate succeeded but channelIds threw \(error)")
        case (.failure(let translateError), .failure(let scanError)) where translateError != scanError:
            problems.append("channelIds threw \(scanError) but translate threw \(translateError)")
        default:
            break
        }
        if case .success(let translation) = evolution {
            evolutionTranslated += 1
            if evolutionTranslated % 4 == 0 {
                problems += Self.unsafeValues(in: translation, at: "evolution")
            }
        }
        if !problems.isEmpty {
            issues += 1
            Issue.record(
                "\(replayHint): \(problems.joined(separator: "; "))\nbody (\(body.count) bytes): \(Self.escaped(body))"
            )
        }
    }

    /// Runs one translator call: a `DomainError` is an answer, any other error or a call
    /// slower than `WebhookFuzzTests.slowest` is a problem (then `nil`).
    private mutating func call<T>(
        _ name: String, _ problems: inout [String], _ body: () throws -> T
    ) -> Result<T, DomainError>? {
        let started = clock.now
        let result: Result<T, DomainError>?
        do {
            result = .success(try body())
        } catch let error as DomainError {
            result = .failure(error)
        } catch {
            problems.append("\(name) threw \(type(of: error)): \(error)")
            result = nil
        }
        let elapsed = clock.now - started
        slowestCall = max(slowestCall, elapsed)
        if elapsed >= WebhookFuzzTests.slowest { problems.append("\(name) took \(elapsed)") }
        return result
    }

    /// Strings with NUL, non-finite numbers and timestamps outside years 1970…9999 anywhere
    /// in a translation: what the read models and the event codec could not take.
    static func unsafeValues(in value: Any, at path: String) -> [String] {
        switch value {
        case let text as String:
            return text.utf8.contains(0) ? ["\(path) holds NUL"] : []
        case let number as Double:
            return number.isFinite ? [] : ["\(path) is \(number)"]
        case let number as Int64 where path.hasSuffix(".timestamp"):
            return (0...253_402_300_799_999).contains(number) ? [] : ["\(path) is \(number)"]
        default:
            return Mirror(reflecting: value).children.enumerated().flatMap { index, child in
                unsafeValues(in: child.value, at: path + "." + (child.label ?? String(index)))
            }
        }
    }

    /// The body as printable ASCII with every other byte as `\xHH`, so invalid UTF-8 shows.
    static func escaped(_ body: [UInt8]) -> String {
        let shown = body.prefix(8192).map { byte -> String in
            (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\\")
                ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16, uppercase: true)
        }
        return shown.joined() + (body.count > 8192 ? "… (\(body.count - 8192) more bytes)" : "")
    }
}
