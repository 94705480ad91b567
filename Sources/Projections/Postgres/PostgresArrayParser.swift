/// Parses PostgreSQL's one-dimensional array output (`{a,"b c",NULL}`); NULL elements are dropped.
enum PostgresArrayParser {
    static func parse(_ text: String) -> [String] {
        var chars = Array(text.unicodeScalars)
        guard chars.first == "{", chars.last == "}" else { return [] }
        chars = Array(chars[1..<(chars.count - 1)])
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var quoted = false
        var wasQuoted = false
        var index = 0
        func finish() {
            let value = String(current)
            if wasQuoted || value != "NULL" { result.append(value) }
            current = String.UnicodeScalarView()
            wasQuoted = false
        }
        if chars.isEmpty { return [] }
        while index < chars.count {
            let ch = chars[index]
            if quoted {
                if ch == "\\", index + 1 < chars.count {
                    index += 1
                    current.append(chars[index])
                } else if ch == "\"" {
                    quoted = false
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" {
                quoted = true
                wasQuoted = true
            } else if ch == "," {
                finish()
            } else {
                current.append(ch)
            }
            index += 1
        }
        finish()
        return result
    }
}
