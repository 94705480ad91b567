/// The elements of an array under construction.
final class EncodedJSONArray {
    var items: [EncodedJSONNode] = []
}
