/// The personal bytes of a recorded event as a reader sees them.
public enum PersonalPart: Sendable, Equatable {
    /// The event carried no personal bytes.
    case none
    /// Decrypted personal bytes.
    case clear([UInt8])
    /// The data key was forgotten: the bytes can never be read again.
    case erased
}
