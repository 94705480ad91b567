import Foundation

/// Runs bulk steps on `connections` connections opened for the purpose. A free connection takes,
/// among the steps whose prerequisites are done, the one heading the costliest chain of steps
/// still to come (critical path first), so the longest chain starts as early as it can. The
/// first failure stops the handing out of steps; steps already running finish, then it is
/// rethrown.
// @unchecked Sendable: the pending list, the done set, the tally and the failure are only
// touched under `condition`.
final class BulkSchedule: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [BulkStep]
    private var done = Set<String>()
    private var rows = 0
    private var failure: Error?
    private var milestone: (steps: Set<String>, action: @Sendable () -> Void)?

    init(_ steps: [BulkStep]) {
        let names = Set(steps.map(\.name))
        precondition(names.count == steps.count, "bulk step names must be unique")
        for step in steps {
            precondition(
                step.after.allSatisfy(names.contains), "bulk step \(step.name) waits for an unknown step")
        }
        var chains: [String: Double] = [:]
        func chain(_ step: BulkStep) -> Double {
            if let known = chains[step.name] { return known }
            let following = steps.filter { $0.after.contains(step.name) }.map(chain).max() ?? 0
            chains[step.name] = step.cost + following
            return step.cost + following
        }
        pending = steps.map { ($0, chain($0)) }.sorted { $0.1 > $1.1 }.map(\.0)
    }

    /// Calls `action` (on a loading thread) as soon as all of `steps` are done.
    func whenDone(_ steps: [String], _ action: @escaping @Sendable () -> Void) {
        condition.lock()
        milestone = (Set(steps), action)
        condition.unlock()
    }

    /// Runs every step; returns the rows written. `setUp` runs once on each new connection.
    func run(url: String, connections: Int, setUp: [String]) throws -> Int {
        let group = DispatchGroup()
        for index in 0..<max(1, connections) {
            group.enter()
            let thread = Thread { [self] in
                work(url: url, setUp: setUp)
                group.leave()
            }
            thread.name = "rebuild-load-\(index)"
            thread.start()
        }
        group.wait()
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        return rows
    }

    private func work(url: String, setUp: [String]) {
        let connection: Connection
        do {
            connection = try Connection(conninfo: url)
            for statement in setUp { try connection.execute(statement) }
        } catch {
            fail(error)
            return
        }
        while let step = take() {
            do {
                let written = try step.work(connection)
                condition.lock()
                done.insert(step.name)
                rows += written
                var reached: (@Sendable () -> Void)?
                if let milestone, milestone.steps.isSubset(of: done) {
                    reached = milestone.action
                    self.milestone = nil
                }
                condition.broadcast()
                condition.unlock()
                reached?()
            } catch {
                fail(error)
                return
            }
        }
    }

    /// The next step ready to run, waiting while the remaining ones wait for running ones;
    /// `nil` when nothing is left or a step failed.
    private func take() -> BulkStep? {
        condition.lock()
        defer { condition.unlock() }
        while failure == nil && !pending.isEmpty {
            if let index = pending.firstIndex(where: { $0.after.allSatisfy(done.contains) }) {
                return pending.remove(at: index)
            }
            condition.wait()
        }
        return nil
    }

    private func fail(_ error: Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }
}
