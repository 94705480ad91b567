/// The members of an object under construction; a key set twice keeps the last value.
final class EncodedJSONObject {
    var entries: [(key: String, value: EncodedJSONNode)] = []

    func set(_ key: String, _ value: EncodedJSONNode) {
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = value
        } else {
            entries.append((key, value))
        }
    }
}
