/// Phone numbers as WhatsApp spells them: digits only, country code first, no `+`.
public enum PhoneNumber {
    /// Keeps the ASCII digits of `raw` (drops `+`, spaces, dashes, a `@s.whatsapp.net` suffix).
    public static func normalize(_ raw: String) -> String {
        let local = raw.split(separator: "@", maxSplits: 1).first.map(String.init) ?? raw
        return String(local.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 }.map(Character.init))
    }
}
